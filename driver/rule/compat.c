// SPDX-License-Identifier: GPL-2.0-only
/*
 * compat: the version-guarded shim for one driver source on both sides
 * of the change the rule makes (see compat.h).
 */
#include "compat.h"

#include <ctype.h>
#include <string.h>

#include "util.h"

/* The comment's lines end before this column (" * " included). */
#define WRAP_COLUMN 76
#define MAX_OLD_PARAMS 8

/* What the kernel did, for one function; what no rule's header says. */
struct compat_api {
	const char *function;
	unsigned since[3]; /* the first release with the new form */
	const char *change; /* the upstream commit's subject */
	const char *header; /* where the function is declared */
	const char *old_params[MAX_OLD_PARAMS]; /* names, NULL-terminated */
	/* Below since, F(new params) becomes target(new params, tail). */
	const char *target, *tail;
	/* Paragraphs: why the target is right; what the shim cannot do. */
	const char *why_target;
	const char *not_covered[4];
	/* A vendor kernel below since with the new form. */
	const char *vendor;
};

/*
 * Linux 4.2 ("net: Add a struct net parameter to sock_create_kern"):
 * sock_create_kern(net, ...) is
 * __sock_create(net, ..., 1) there, and 4.1's sock_create_kern(...) was
 * __sock_create(&init_net, ..., 1), exported (EXPORT_SYMBOL) on both.
 * Before 4.2, sk_alloc() took a reference on the namespace of every
 * socket; 4.2 stopped doing so for kernel sockets ("net: Modify sk_alloc
 * to not reference count the netns of kernel sockets"), which is what
 * made sk_change_net() and sk_release_kernel() go.
 */
static const struct compat_api apis[] = {
	{
		.function = "sock_create_kern",
		.since = { 4, 2, 0 },
		.change = "net: Add a struct net parameter to sock_create_kern",
		.header = "linux/net.h",
		.old_params = { "family", "type", "proto", "res", NULL },
		.target = "__sock_create",
		.tail = "1",
		.why_target =
			"which is what sock_create_kern() itself does from 4.2 "
			"on (kern = 1: a kernel socket), and what the old "
			"sock_create_kern() did with &init_net; the kernels "
			"before 4.2 export __sock_create().",
		.not_covered = {
			"- A socket in another namespace than &init_net, on "
			"the old kernels.  Before 4.2 every socket holds a "
			"reference on its namespace, kernel sockets too "
			"(sk_alloc() takes it); from 4.2 on a kernel socket "
			"does not.  A driver that keeps such a socket for the "
			"life of its namespace and releases it in its pernet "
			"exit method keeps the namespace alive for ever below "
			"4.2: the exit method never runs.  Before 4.2 drivers "
			"made the socket in &init_net, then called "
			"sk_change_net(sock->sk, net), and released it with "
			"sk_release_kernel(sock->sk); such a driver needs that "
			"code again below 4.2 (under the same version test), "
			"which this header does not write.  With &init_net "
			"both sides behave alike.",
			"- The function's address (&sock_create_kern, a "
			"function pointer): a function-like macro does not "
			"apply there, and below 4.2 it is the address of the "
			"4-parameter function.",
			NULL,
		},
		.vendor = "- A vendor kernel that says it is older than 4.2 but "
			  "has 4.2's sock_create_kern() back-ported (see its "
			  "include/linux/net.h).  The macro still builds "
			  "there and does the same (4.2's sock_create_kern() "
			  "is that __sock_create() call), but the driver then "
			  "calls __sock_create() instead of the kernel's own "
			  "function.",
	},
};

/*
 * Appends text as comment lines (" * "), filled up to WRAP_COLUMN:
 * first before the first line, rest before the others (a hanging indent
 * for "- " items).  The blanks between words are kept (two after a full
 * stop), but for a line break.
 */
static void fill(struct strbuf *out, const char *text, const char *first,
		 const char *rest)
{
	size_t col = 0, len;
	const char *p = text, *word;

	strbuf_addstr(out, " *");
	while (*p) {
		size_t gap = 0;

		while (*p == ' ') {
			gap++;
			p++;
		}
		if (!*p)
			break;
		word = p;
		while (*p && *p != ' ')
			p++;
		len = (size_t)(p - word);
		if (!col) {
			strbuf_addf(out, " %s", first);
			col = 3 + strlen(first);
			gap = 0;
		} else if (col + gap + len > WRAP_COLUMN) {
			strbuf_addf(out, "\n * %s", rest);
			col = 3 + strlen(rest);
			gap = 0;
		}
		strbuf_addchars(out, ' ', gap);
		strbuf_add(out, word, len);
		col += gap + len;
	}
	strbuf_addch(out, '\n');
}

static void blank(struct strbuf *out)
{
	strbuf_addstr(out, " *\n");
}

/* "sock_create_kern" -> "SOCK_CREATE_KERN" */
static void add_upper(struct strbuf *out, const char *s)
{
	for (; *s; s++)
		strbuf_addch(out, toupper((unsigned char)*s));
}

/*
 * The parameter's name: its last identifier ("struct net *net" -> "net").
 * Returns NULL when there is none.
 */
static const char *param_name(const char *param, size_t *len)
{
	const char *end = param + strlen(param), *start;

	while (end > param && isspace((unsigned char)end[-1]))
		end--;
	start = end;
	while (start > param &&
	       (isalnum((unsigned char)start[-1]) || start[-1] == '_'))
		start--;
	if (start == end || isdigit((unsigned char)*start))
		return NULL;
	*len = (size_t)(end - start);
	return start;
}

int compat_header(struct strbuf *out, const struct cocci *rule,
		  struct strbuf *why)
{
	const struct compat_api *api = NULL;
	struct strbuf guard = STRBUF_INIT, has = STRBUF_INIT;
	struct strbuf old = STRBUF_INIT, new = STRBUF_INIT;
	struct strbuf para = STRBUF_INIT, ver = STRBUF_INIT;
	const char *name;
	size_t i, nr_old = 0, name_len = 0;

	for (i = 0; i < ARRAY_SIZE(apis); i++)
		if (rule->ident && !strcmp(rule->ident, apis[i].function))
			api = &apis[i];
	if (!api) {
		strbuf_addf(why,
			    "the rule converts %s(); compat-header knows "
			    "the shim for ",
			    rule->ident ? rule->ident : "(none)");
		for (i = 0; i < ARRAY_SIZE(apis); i++)
			strbuf_addf(why, "%s%s()", i ? ", " : "",
				    apis[i].function);
		strbuf_addstr(why, " only");
		return -1;
	}
	while (api->old_params[nr_old])
		nr_old++;
	name = rule->new_param ? param_name(rule->new_param, &name_len) : NULL;
	if (rule->old_arity != (int)nr_old ||
	    rule->new_arity != rule->old_arity + 1 || !name) {
		strbuf_addf(why,
			    "the rule changes %s() from %d to %d arguments "
			    "adding %s; the shim knows it from %zu to %zu "
			    "adding one parameter (new-param=)",
			    api->function, rule->old_arity, rule->new_arity,
			    rule->new_param ? rule->new_param : "no parameter",
			    nr_old, nr_old + 1);
		return -1;
	}

	/* The names the text uses, from the rule and the table. */
	strbuf_addstr(&guard, "COMPAT_");
	add_upper(&guard, api->function);
	strbuf_addstr(&guard, "_H");
	strbuf_addstr(&has, "COMPAT_");
	add_upper(&has, api->function);
	strbuf_addstr(&has, "_HAS_");
	for (i = 0; i < name_len; i++)
		strbuf_addch(&has, toupper((unsigned char)name[i]));
	strbuf_add(&new, name, name_len);
	for (i = 0; i < nr_old; i++) {
		strbuf_addf(&old, "%s%s", i ? ", " : "", api->old_params[i]);
		strbuf_addf(&new, ", %s", api->old_params[i]);
	}
	strbuf_addf(&ver, "%u.%u", api->since[0], api->since[1]);
	if (api->since[2])
		strbuf_addf(&ver, ".%u", api->since[2]);

	strbuf_addstr(out, "/* SPDX-License-Identifier: GPL-2.0-only */\n"
			   "/*\n");
	strbuf_addf(&para,
		    "%s() on both sides of Linux %s; made by \"coccidrive "
		    "compat-header\" from the rule for %s().",
		    api->function, ver.buf, api->function);
	fill(out, para.buf, "", "");
	blank(out);
	strbuf_reset(&para);
	strbuf_addf(&para,
		    "Linux %s (\"%s\") put \"%s\" in front of the parameters "
		    "of %s():",
		    ver.buf, api->change, rule->new_param, api->function);
	fill(out, para.buf, "", "");
	blank(out);
	strbuf_addf(out, " *\tbefore %s:  %s(%s)\n", ver.buf, api->function,
		    old.buf);
	strbuf_addf(out, " *\t%s on:      %s(%s)\n", ver.buf, api->function,
		    new.buf);
	blank(out);
	strbuf_reset(&para);
	strbuf_addf(&para,
		    "Write the driver for %s and later (every call with %d "
		    "arguments, as \"coccidrive convert\" leaves them) and "
		    "include this header in each file that calls %s().  "
		    "Below %s each call becomes",
		    ver.buf, rule->new_arity, api->function, ver.buf);
	fill(out, para.buf, "", "");
	blank(out);
	strbuf_addf(out, " *\t%s(%s, %s)\n", api->target, new.buf, api->tail);
	blank(out);
	strbuf_reset(&para);
	strbuf_addf(&para,
		    "%s  From %s on, this header changes nothing.  The kernel "
		    "backports project does the same (backport-include/%s).",
		    api->why_target, ver.buf, api->header);
	fill(out, para.buf, "", "");
	blank(out);
	strbuf_reset(&para);
	strbuf_addf(&para,
		    "Include it before or after <%s>, as you like.  The macro "
		    "must come after the old prototype in <%s> (that "
		    "prototype, with %d parameters, would not compile as a "
		    "use of a %d-argument macro), so this header includes "
		    "<linux/version.h> and <%s> itself, then defines the "
		    "macro.  A call left with %d arguments no longer builds "
		    "below %s, nor from %s on: convert them all first.  A "
		    "macro %s defined before this header (by another compat "
		    "layer) is left alone.",
		    api->header, api->header, rule->old_arity, rule->new_arity,
		    api->header, rule->old_arity, ver.buf, ver.buf,
		    api->function);
	fill(out, para.buf, "", "");
	blank(out);
	fill(out, "Not covered:", "", "");
	for (i = 0; api->not_covered[i]; i++)
		fill(out, api->not_covered[i], "", "  ");
	fill(out, api->vendor, "", "  ");
	strbuf_addstr(out, " *\n");
	strbuf_reset(&para);
	strbuf_addf(&para,
		    "For such a tree, define %s before this header: the "
		    "header then leaves %s() alone.  In the driver's Kbuild "
		    "file, from the tree's own prototype:",
		    has.buf, api->function);
	fill(out, para.buf, "  ", "  ");
	blank(out);
	strbuf_addf(out,
		    " *\tccflags-y += $(shell grep -qsF '%s(%s' \\\n"
		    " *\t\t$(srctree)/include/%s && \\\n"
		    " *\t\techo -D%s)\n",
		    api->function, rule->new_param, api->header, has.buf);
	blank(out);
	strbuf_reset(&para);
	strbuf_addstr(&para,
		      "or in the driver, after #include <linux/version.h>, "
		      "from the release macros a vendor's version.h defines "
		      "(Red Hat's RHEL_RELEASE_CODE and "
		      "RHEL_RELEASE_VERSION(major, minor)) and the first "
		      "release that has the change, which coccidrive does not "
		      "know:");
	fill(out, para.buf, "  ", "  ");
	blank(out);
	strbuf_addf(out,
		    " *\t#if defined(RHEL_RELEASE_CODE) && \\\n"
		    " *\t\tRHEL_RELEASE_CODE >= RHEL_RELEASE_VERSION(M, N)\n"
		    " *\t#define %s\n"
		    " *\t#endif\n",
		    has.buf);
	strbuf_addstr(out, " */\n");

	strbuf_addf(out, "#ifndef %s\n#define %s\n\n", guard.buf, guard.buf);
	strbuf_addf(out, "#include <linux/version.h>\n#include <%s>\n\n",
		    api->header);
	strbuf_addf(
		out,
		"#if LINUX_VERSION_CODE < KERNEL_VERSION(%u, %u, %u) && \\\n"
		"\t!defined(%s) && !defined(%s)\n",
		api->since[0], api->since[1], api->since[2], has.buf,
		api->function);
	strbuf_addf(out, "#define %s(%s) \\\n\t%s(%s, %s)\n#endif\n\n",
		    api->function, new.buf, api->target, new.buf, api->tail);
	strbuf_addf(out, "#endif /* %s */\n", guard.buf);

	strbuf_release(&guard);
	strbuf_release(&has);
	strbuf_release(&old);
	strbuf_release(&new);
	strbuf_release(&para);
	strbuf_release(&ver);
	return 0;
}
