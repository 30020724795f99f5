// SPDX-License-Identifier: GPL-2.0-only
#include "series.h"

#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mbox.h"
#include "strbuf.h"
#include "util.h"

struct ctx {
	git_repository *repo;
	struct series *s;
	struct findings *f;
	struct scan *files;
	git_oid *ids; /* the blob of each entry of files */
	size_t ids_alloc;
	const char *label; /* of the commit being read, for -v */
};

static const char *gerr(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error of libgit2";
}

/*
 * The repository's own object database, read-only.  libgit2 writes an
 * object that already exists by "freshening" it: it touches the loose
 * object or the pack file (its mtime), which is a write to the user's
 * repository.  Behind this proxy, which has no write and no freshen,
 * the objects that applying patches makes go to the mempack in front of
 * it, and nothing under .git changes, not even a time stamp.
 */
struct ro_backend {
	git_odb_backend parent;
	git_odb *real;
};

static git_odb *real_odb(git_odb_backend *b)
{
	return ((struct ro_backend *)b)->real;
}

static int copy_out(git_odb_backend *b, git_odb_object *obj, void **data,
		    size_t *len, git_object_t *type)
{
	*len = git_odb_object_size(obj);
	*type = git_odb_object_type(obj);
	*data = git_odb_backend_data_alloc(b, *len ? *len : 1);
	if (!*data) {
		git_odb_object_free(obj);
		return -1;
	}
	memcpy(*data, git_odb_object_data(obj), *len);
	git_odb_object_free(obj);
	return 0;
}

static int ro_read(void **data, size_t *len, git_object_t *type,
		   git_odb_backend *b, const git_oid *id)
{
	git_odb_object *obj;
	int err = git_odb_read(&obj, real_odb(b), id);

	return err ? err : copy_out(b, obj, data, len, type);
}

static int ro_read_prefix(git_oid *out, void **data, size_t *len,
			  git_object_t *type, git_odb_backend *b,
			  const git_oid *id, size_t n)
{
	git_odb_object *obj;
	int err = git_odb_read_prefix(&obj, real_odb(b), id, n);

	if (err)
		return err;
	git_oid_cpy(out, git_odb_object_id(obj));
	return copy_out(b, obj, data, len, type);
}

static int ro_read_header(size_t *len, git_object_t *type, git_odb_backend *b,
			  const git_oid *id)
{
	return git_odb_read_header(len, type, real_odb(b), id);
}

static int ro_exists(git_odb_backend *b, const git_oid *id)
{
	return git_odb_exists(real_odb(b), id);
}

static int ro_exists_prefix(git_oid *out, git_odb_backend *b, const git_oid *id,
			    size_t n)
{
	return git_odb_exists_prefix(out, real_odb(b), id, n);
}

static int ro_refresh(git_odb_backend *b)
{
	return git_odb_refresh(real_odb(b));
}

static void ro_free(git_odb_backend *b)
{
	git_odb_free(real_odb(b));
	free(b);
}

/* The repository's objects read-only behind, a mempack in front. */
static void memory_only(git_repository *repo)
{
	git_odb *real, *odb;
	git_odb_backend *mem;
	struct ro_backend *ro = xcalloc(1, sizeof(*ro));

	if (git_repository_odb(&real, repo) || git_odb_new(&odb) ||
	    git_mempack_new(&mem) || git_odb_add_backend(odb, mem, 2) ||
	    git_odb_init_backend(&ro->parent, GIT_ODB_BACKEND_VERSION))
		die("cannot set up an object database in memory: %s", gerr());
	ro->real = real;
	ro->parent.read = ro_read;
	ro->parent.read_prefix = ro_read_prefix;
	ro->parent.read_header = ro_read_header;
	ro->parent.exists = ro_exists;
	ro->parent.exists_prefix = ro_exists_prefix;
	ro->parent.refresh = ro_refresh;
	ro->parent.free = ro_free;
	if (git_odb_add_backend(odb, &ro->parent, 1) ||
	    git_repository_set_odb(repo, odb))
		die("cannot set up an object database in memory: %s", gerr());
	git_odb_free(odb); /* the repository holds it */
}

static int is_blob_mode(uint16_t mode)
{
	return mode == GIT_FILEMODE_BLOB ||
	       mode == GIT_FILEMODE_BLOB_EXECUTABLE;
}

/* The entry of files holding (path, blob), added once. */
static size_t stage_blob(struct ctx *c, const char *path, const git_oid *id)
{
	struct strbuf label = STRBUF_INIT;
	git_blob *blob;
	size_t i;

	for (i = 0; i < c->files->nr; i++)
		if (git_oid_equal(&c->ids[i], id) &&
		    !strcmp(c->files->v[i].rel, path))
			return i;
	if (git_blob_lookup(&blob, c->repo, id))
		die("%s: cannot read its blob: %s", path, gerr());
	strbuf_addf(&label, "%s:%s", c->label, path);
	scan_add_memory(c->files, label.buf, path, c->files->nr,
			git_blob_rawcontent(blob),
			(size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	strbuf_release(&label);
	ALLOC_GROW(c->ids, c->files->nr, c->ids_alloc);
	git_oid_cpy(&c->ids[c->files->nr - 1], id);
	return c->files->nr - 1;
}

static git_diff *tree_diff(struct ctx *c, git_tree *a, git_tree *b)
{
	git_diff_options o;
	git_diff_find_options fo;
	git_diff *d;

	if (git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION) ||
	    git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION))
		die("cannot compare two trees: %s", gerr());
	o.context_lines = 0;
	o.interhunk_lines = 0;
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_tree_to_tree(&d, c->repo, a, b, &o) ||
	    git_diff_find_similar(d, &fo))
		die("cannot compare two trees: %s", gerr());
	return d;
}

static git_patch *delta_patch(git_diff *d, size_t i)
{
	git_patch *p;

	if (git_patch_from_diff(&p, d, i) || !p)
		die("cannot read a diff: %s", gerr());
	return p;
}

/* The '+' lines of a patch, sorted (and its hunks, when wanted). */
static void patch_lines(git_patch *p, unsigned **added, size_t *nr,
			struct series_hunk **hunks, size_t *nr_hunks)
{
	size_t h, alloc = 0, halloc = 0;

	*added = NULL;
	*nr = 0;
	if (hunks) {
		*hunks = NULL;
		*nr_hunks = 0;
	}
	for (h = 0; h < git_patch_num_hunks(p); h++) {
		const git_diff_hunk *hunk;
		size_t l, lines;

		if (git_patch_get_hunk(&hunk, &lines, p, h))
			die("cannot read a diff: %s", gerr());
		if (hunks) {
			struct series_hunk *x;

			ALLOC_GROW(*hunks, *nr_hunks + 1, halloc);
			x = &(*hunks)[(*nr_hunks)++];
			x->old_start = (unsigned)hunk->old_start;
			x->old_lines = (unsigned)hunk->old_lines;
			x->new_start = (unsigned)hunk->new_start;
			x->new_lines = (unsigned)hunk->new_lines;
		}
		for (l = 0; l < lines; l++) {
			const git_diff_line *line;

			if (git_patch_get_line_in_hunk(&line, p, h, l))
				die("cannot read a diff: %s", gerr());
			if (line->origin != GIT_DIFF_LINE_ADDITION)
				continue;
			ALLOC_GROW(*added, *nr + 1, alloc);
			(*added)[(*nr)++] = (unsigned)line->new_lineno;
		}
	}
}

int series_has_line(const unsigned *v, size_t nr, unsigned line)
{
	size_t lo = 0, hi = nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] == line)
			return 1;
		if (v[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Keep in ch->added only the lines also added against another parent. */
static void intersect(struct series_change *ch, git_diff *d)
{
	size_t i, k = 0, n = 0;
	unsigned *other = NULL;

	for (i = 0; i < git_diff_num_deltas(d); i++) {
		const git_diff_delta *dd = git_diff_get_delta(d, i);
		git_patch *p;

		if (dd->status == GIT_DELTA_DELETED ||
		    strcmp(dd->new_file.path, ch->path))
			continue;
		p = delta_patch(d, i);
		patch_lines(p, &other, &n, NULL, NULL);
		git_patch_free(p);
		break;
	}
	/* Not in this diff: the file is as that parent had it. */
	for (i = 0; i < ch->nr_added; i++)
		if (series_has_line(other, n, ch->added[i]))
			ch->added[k++] = ch->added[i];
	ch->nr_added = k;
	free(other);
}

static struct series_change *new_change(struct series_step *st)
{
	struct series_change *ch;

	ALLOC_GROW(st->v, st->nr + 1, st->alloc);
	ch = &st->v[st->nr++];
	memset(ch, 0, sizeof(*ch));
	return ch;
}

/*
 * One commit: tree against the trees of its parents (the first one
 * decides the files and hunks, every one the lines added).
 */
static void read_step(struct ctx *c, struct series_step *st,
		      git_tree *const *parents, size_t nr_parents,
		      git_tree *tree)
{
	git_diff *d = tree_diff(c, nr_parents ? parents[0] : NULL, tree);
	size_t i, p, first = st->nr;

	for (i = 0; i < git_diff_num_deltas(d); i++) {
		const git_diff_delta *dd = git_diff_get_delta(d, i);
		struct series_change *ch;
		git_patch *patch;

		if (dd->status == GIT_DELTA_DELETED) {
			if (!scan_is_c_file(dd->old_file.path) ||
			    !is_blob_mode(dd->old_file.mode))
				continue;
			ch = new_change(st);
			ch->path = xstrdup(dd->old_file.path);
			ch->old_path = xstrdup(dd->old_file.path);
			git_oid_tostr(ch->old_id, sizeof(ch->old_id),
				      &dd->old_file.id);
			ch->deleted = 1;
			c->s->deleted++;
			continue;
		}
		if (!scan_is_c_file(dd->new_file.path))
			continue;
		if (!is_blob_mode(dd->new_file.mode)) {
			c->s->not_blob++;
			continue;
		}
		patch = delta_patch(d, i);
		if (git_patch_get_delta(patch)->flags & GIT_DIFF_FLAG_BINARY) {
			git_patch_free(patch);
			c->s->binary++;
			continue;
		}
		ch = new_change(st);
		ch->path = xstrdup(dd->new_file.path);
		git_oid_tostr(ch->new_id, sizeof(ch->new_id), &dd->new_file.id);
		if (dd->status != GIT_DELTA_ADDED &&
		    is_blob_mode(dd->old_file.mode)) {
			ch->old_path = xstrdup(dd->old_file.path);
			git_oid_tostr(ch->old_id, sizeof(ch->old_id),
				      &dd->old_file.id);
		}
		patch_lines(patch, &ch->added, &ch->nr_added, &ch->hunks,
			    &ch->nr_hunks);
		git_patch_free(patch);
		ch->file = stage_blob(c, ch->path, &dd->new_file.id);
		c->s->changed++;
	}
	git_diff_free(d);
	for (p = 1; p < nr_parents; p++) {
		d = tree_diff(c, parents[p], tree);
		for (i = first; i < st->nr; i++)
			if (!st->v[i].deleted)
				intersect(&st->v[i], d);
		git_diff_free(d);
	}
}

static void set_commit(struct series_commit *sc, const char *id,
		       const char *subject, unsigned index)
{
	memset(sc, 0, sizeof(*sc));
	if (id && *id) {
		memcpy(sc->id, id, 40);
		memcpy(sc->short_id, id, 12);
	}
	sc->subject = xstrdup(subject ? subject : "");
	sc->index = index;
}

static git_commit *peel_commit(git_object *obj, const char *what)
{
	git_object *peeled;

	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT))
		die("%s: %s", what, gerr());
	return (git_commit *)peeled;
}

static git_tree *commit_tree(git_commit *commit)
{
	git_tree *t;

	if (git_commit_tree(&t, commit))
		die("cannot read the tree of commit %s: %s",
		    git_oid_tostr_s(git_commit_id(commit)), gerr());
	return t;
}

/* BASE..HEAD: the commits, oldest first; *base and *head their trees. */
static void read_range(struct ctx *c, const char *range, git_tree **base,
		       git_tree **head)
{
	git_revspec rs;
	git_revwalk *walk;
	git_commit *from, *to;
	git_oid id, *ids = NULL;
	size_t n = 0, alloc = 0, i;

	if (git_revparse(&rs, c->repo, range))
		die("--git-range %s: %s", range, gerr());
	if (!(rs.flags & GIT_REVSPEC_RANGE) ||
	    (rs.flags & GIT_REVSPEC_MERGE_BASE)) {
		git_object_free(rs.from);
		git_object_free(rs.to);
		die("--git-range %s: not a range BASE..HEAD", range);
	}
	from = peel_commit(rs.from, range);
	to = peel_commit(rs.to, range);
	git_object_free(rs.from);
	git_object_free(rs.to);
	if (git_revwalk_new(&walk, c->repo) ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
					      GIT_SORT_REVERSE) ||
	    git_revwalk_push(walk, git_commit_id(to)) ||
	    git_revwalk_hide(walk, git_commit_id(from)))
		die("--git-range %s: %s", range, gerr());
	while (!git_revwalk_next(&id, walk)) {
		ALLOC_GROW(ids, n + 1, alloc);
		git_oid_cpy(&ids[n++], &id);
	}
	git_revwalk_free(walk);
	c->f->base = xstrdup(git_oid_tostr_s(git_commit_id(from)));
	c->f->commits = xcalloc(n ? n : 1, sizeof(*c->f->commits));
	c->s->steps = xcalloc(n ? n : 1, sizeof(*c->s->steps));
	for (i = 0; i < n; i++) {
		git_commit *commit;
		git_tree *tree, **parents;
		size_t p, np;
		char hex[41];

		if (git_commit_lookup(&commit, c->repo, &ids[i]))
			die("--git-range %s: %s", range, gerr());
		git_oid_tostr(hex, sizeof(hex), &ids[i]);
		set_commit(&c->f->commits[i], hex, git_commit_summary(commit),
			   (unsigned)i + 1);
		c->f->nr_commits = i + 1;
		c->label = c->f->commits[i].short_id;
		np = git_commit_parentcount(commit);
		parents = xcalloc(np ? np : 1, sizeof(git_tree *));
		for (p = 0; p < np; p++) {
			git_commit *parent;

			if (git_commit_parent(&parent, commit, (unsigned)p))
				die("cannot read a parent of %s: %s", hex,
				    gerr());
			parents[p] = commit_tree(parent);
			git_commit_free(parent);
		}
		c->s->merges += np > 1;
		tree = commit_tree(commit);
		read_step(c, &c->s->steps[i], parents, np, tree);
		for (p = 0; p < np; p++)
			git_tree_free(parents[p]);
		free(parents);
		git_tree_free(tree);
		git_commit_free(commit);
	}
	free(ids);
	*base = commit_tree(from);
	*head = commit_tree(to);
	git_commit_free(from);
	git_commit_free(to);
}

/* "patch 3/10 "subject"": how an error names a patch. */
static void name_patch(struct strbuf *sb, const struct mbox_msg *m,
		       size_t ordinal)
{
	if (m->number[0])
		strbuf_addf(sb, "patch %s", m->number);
	else
		strbuf_addf(sb, "patch %zu", ordinal);
	strbuf_addf(sb, " \"%s\"", m->subject);
}

/*
 * libgit2 applies a "new file" over a file that is there (the file is
 * replaced); git am refuses, and so do we: the patch was made for
 * another tree.
 */
static void refuse_existing(git_tree *tree, git_diff *d, const char *file,
			    const char *name)
{
	size_t i;

	for (i = 0; i < git_diff_num_deltas(d); i++) {
		const git_diff_delta *dd = git_diff_get_delta(d, i);
		git_tree_entry *e;

		if (dd->status != GIT_DELTA_ADDED ||
		    git_tree_entry_bypath(&e, tree, dd->new_file.path))
			continue;
		git_tree_entry_free(e);
		die("--patch %s: %s does not apply: %s: already exists", file,
		    name, dd->new_file.path);
	}
}

static void read_input(struct strbuf *sb, const char *file)
{
	if (!strcmp(file, "-")) {
		if (strbuf_read_fd(sb, STDIN_FILENO, 0))
			die_errno("--patch -: cannot read standard input");
	} else if (strbuf_read_file(sb, file, 0)) {
		die_errno("--patch %s: cannot read", file);
	}
}

/* The patches of an mbox applied in memory, one by one, on BASE. */
static void read_mbox(struct ctx *c, const struct series_opts *o,
		      git_tree **base, git_tree **head)
{
	struct strbuf in = STRBUF_INIT, name = STRBUF_INIT;
	struct mbox mb = { 0 };
	const char *rev = o->base ? o->base : "HEAD";
	git_object *obj;
	git_commit *bc;
	git_tree *tree;
	git_diff **diffs;
	size_t i, n = 0;

	read_input(&in, o->patch);
	mbox_split(in.buf, in.len, &mb);
	strbuf_release(&in);
	if (git_revparse_single(&obj, c->repo, rev))
		die("%s: no commit to apply the patches on (%s)%s", rev, gerr(),
		    o->base ? "" : "; give --base REV");
	bc = peel_commit(obj, rev);
	git_object_free(obj);
	c->f->base = xstrdup(git_oid_tostr_s(git_commit_id(bc)));
	*base = commit_tree(bc);
	git_commit_free(bc);
	if (git_tree_dup(&tree, *base))
		die("%s: %s", rev, gerr());
	diffs = xcalloc(mb.nr ? mb.nr : 1, sizeof(git_diff *));
	for (i = 0; i < mb.nr; i++) {
		const struct mbox_msg *m = &mb.v[i];

		if (!find_bytes(m->text.buf, m->text.len, "\ndiff --git ",
				12) &&
		    strncmp(m->text.buf, "diff --git ", 11)) {
			c->s->skipped_msgs++;
			continue;
		}
		if (git_diff_from_buffer(&diffs[i], m->text.buf, m->text.len)) {
			strbuf_reset(&name);
			name_patch(&name, m, n + 1);
			die("--patch %s: %s: cannot read the patch: %s",
			    o->patch, name.buf, gerr());
		}
		n++;
	}
	if (!n)
		die("--patch %s: no patch in it (no \"diff --git\")", o->patch);
	c->f->commits = xcalloc(n, sizeof(*c->f->commits));
	c->s->steps = xcalloc(n, sizeof(*c->s->steps));
	for (i = 0, n = 0; i < mb.nr; i++) {
		const struct mbox_msg *m = &mb.v[i];
		git_index *index;
		git_oid tid;
		git_tree *next;
		char label[32];

		if (!diffs[i])
			continue;
		set_commit(&c->f->commits[n], m->commit, m->subject,
			   (unsigned)n + 1);
		c->f->nr_commits = n + 1;
		strbuf_reset(&name);
		name_patch(&name, m, n + 1);
		refuse_existing(tree, diffs[i], o->patch, name.buf);
		if (git_apply_to_tree(&index, c->repo, tree, diffs[i], NULL))
			die("--patch %s: %s does not apply: %s", o->patch,
			    name.buf, gerr());
		if (git_index_write_tree_to(&tid, index, c->repo) ||
		    git_tree_lookup(&next, c->repo, &tid))
			die("--patch %s: %s: %s", o->patch, name.buf, gerr());
		git_index_free(index);
		if (m->commit[0])
			c->label = c->f->commits[n].short_id;
		else {
			snprintf(label, sizeof(label), "patch %zu", n + 1);
			c->label = label;
		}
		read_step(c, &c->s->steps[n], &tree, 1, next);
		c->label = "";
		git_tree_free(tree);
		tree = next;
		n++;
	}
	for (i = 0; i < mb.nr; i++)
		git_diff_free(diffs[i]);
	free(diffs);
	mbox_release(&mb);
	strbuf_release(&name);
	*head = tree;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * --all: each file the series touched, as it leaves it, against BASE:
 * which of its lines were there already.
 */
static void read_finals(struct ctx *c, size_t nr_steps, git_tree *base,
			git_tree *head)
{
	git_diff *d = tree_diff(c, base, head);
	char **paths = NULL;
	size_t n = 0, alloc = 0, i, j;

	for (i = 0; i < nr_steps; i++)
		for (j = 0; j < c->s->steps[i].nr; j++)
			if (!c->s->steps[i].v[j].deleted) {
				ALLOC_GROW(paths, n + 1, alloc);
				paths[n++] = c->s->steps[i].v[j].path;
			}
	if (n)
		qsort(paths, n, sizeof(*paths), cmp_str);
	c->label = "HEAD";
	for (i = 0; i < n; i++) {
		struct series_final *fin;
		git_tree_entry *e;
		git_oid id;

		if (i && !strcmp(paths[i - 1], paths[i]))
			continue;
		if (git_tree_entry_bypath(&e, head, paths[i]))
			continue; /* deleted or renamed away since */
		if (!is_blob_mode((uint16_t)git_tree_entry_filemode(e))) {
			git_tree_entry_free(e);
			continue;
		}
		git_oid_cpy(&id, git_tree_entry_id(e));
		git_tree_entry_free(e);
		ALLOC_GROW(c->s->finals, c->s->nr_finals + 1,
			   c->s->alloc_finals);
		fin = &c->s->finals[c->s->nr_finals++];
		memset(fin, 0, sizeof(*fin));
		fin->path = xstrdup(paths[i]);
		for (j = 0; j < git_diff_num_deltas(d); j++) {
			const git_diff_delta *dd = git_diff_get_delta(d, j);
			git_patch *p;

			if (dd->status == GIT_DELTA_DELETED ||
			    strcmp(dd->new_file.path, paths[i]))
				continue;
			if (dd->status == GIT_DELTA_ADDED) {
				fin->all_new = 1;
				break;
			}
			p = delta_patch(d, j);
			if (git_patch_get_delta(p)->flags &
			    GIT_DIFF_FLAG_BINARY)
				fin->all_new = 1;
			else
				patch_lines(p, &fin->since, &fin->nr_since,
					    NULL, NULL);
			git_patch_free(p);
			break;
		}
		fin->file = stage_blob(c, fin->path, &id);
	}
	free(paths);
	git_diff_free(d);
}

/* The top of the repository: its work tree, else (bare) its .git. */
static char *repo_top(git_repository *repo)
{
	const char *top = git_repository_workdir(repo);
	size_t n;

	if (!top)
		top = git_repository_path(repo);
	n = strlen(top);
	while (n > 1 && top[n - 1] == '/')
		n--;
	return xstrndup(top, n);
}

void series_read(struct series *s, struct findings *f, struct scan *files,
		 const struct series_opts *o)
{
	struct ctx c = { 0 };
	const char *where = o->repo ? o->repo : ".";
	git_tree *base = NULL, *head = NULL;

	memset(s, 0, sizeof(*s));
	c.s = s;
	c.f = f;
	c.files = files;
	c.label = "";
	git_libgit2_init();
	if (git_repository_open_ext(&c.repo, where, 0, NULL)) {
		if (!o->repo)
			die("not in a git repository (%s); give -C REPO",
			    gerr());
		die("-C %s: not a git repository (%s)", where, gerr());
	}
	memory_only(c.repo);
	f->repo_top = repo_top(c.repo);
	f->source = xstrdup(o->range ? o->range : o->patch);
	if (o->range)
		read_range(&c, o->range, &base, &head);
	else
		read_mbox(&c, o, &base, &head);
	s->git_dir = xstrdup(git_repository_path(c.repo));
	if (o->all || o->fix)
		read_finals(&c, f->nr_commits, base, head);
	git_tree_free(head);
	git_tree_free(base);
	free(c.ids);
	git_repository_free(c.repo);
	git_libgit2_shutdown();
}

void series_release(struct series *s, size_t nr_steps)
{
	size_t i, j;

	for (i = 0; i < nr_steps; i++) {
		struct series_step *st = &s->steps[i];

		for (j = 0; j < st->nr; j++) {
			free(st->v[j].path);
			free(st->v[j].old_path);
			free(st->v[j].added);
			free(st->v[j].hunks);
		}
		free(st->v);
	}
	free(s->steps);
	for (i = 0; i < s->nr_finals; i++) {
		free(s->finals[i].path);
		free(s->finals[i].since);
	}
	free(s->finals);
	free(s->git_dir);
	memset(s, 0, sizeof(*s));
}
