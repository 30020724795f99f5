#!/bin/sh
# The recipes of contrib/ (README, "Gating a patch series", "Recipes"),
# each run for real on test repositories: the GitHub workflow and the
# GitLab job parsed, their structure checked and their check commands
# run with the CI's variables on a clone; the pre-push hook installed in
# a clone of a bare remote and pushed through; the b4 setting read as b4
# reads it and run as b4 runs it (no shell, one patch on stdin, in the
# top of the tree).  The recipes call "coccidrive" from PATH: $TMP/bin
# has it, the program under test.
. "$(dirname "$0")/../test-lib.sh"

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL=author@example.org
export GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL=committer@example.org
tick=1700000000
commit() { # MESSAGE: commit what is added, a minute after the last commit
	tick=$((tick + 60))
	GIT_AUTHOR_DATE="@$tick +0000" GIT_COMMITTER_DATE="@$tick +0000" \
		git commit -q -m "$1"
}
PYTHON=${COCCIDRIVE_PYTHON:-/usr/bin/python3}
tool() { "$PYTHON" "$ROOT/tests/recipes-tool.py" "$@"; }
mkdir "$TMP/bin" && ln -s "$COCCIDRIVE" "$TMP/bin/coccidrive"
PATH=$TMP/bin:$PATH
export PATH
old="sock_create_kern() called with 4 arguments, without a struct net *; convert would add &init_net"

# A new file with a call in the old form, and one in the new form.
mkdir "$TMP/src"
cat >"$TMP/src/foo.c" <<\EOF2
// SPDX-License-Identifier: GPL-2.0
/* A new protocol module: its control socket. */
#include <linux/net.h>

static struct socket *foo_ctl;

int foo_init(void)
{
	return sock_create_kern(AF_INET, SOCK_DGRAM, IPPROTO_UDP,
				&foo_ctl);
}
EOF2
cat >"$TMP/src/bar.c" <<\EOF2
// SPDX-License-Identifier: GPL-2.0
#include <linux/net.h>
#include <net/net_namespace.h>

int bar_open(struct net *net, struct socket **res)
{
	return sock_create_kern(net, AF_INET, SOCK_STREAM, 0, res);
}
EOF2

# upstream: master, the sample tree converted; topic-bad adds foo.c
# (an old call), topic-clean adds bar.c.  work: a clone with the remote's
# branches only (origin/master, origin/topic-*), detached, as a CI job
# has it.
up=$TMP/upstream
work=$TMP/work
test_expect_success 'setup: a converted tree, a topic branch with an old call, a clean one' '
	git init -q -b master "$up" &&
	cp -R "$ROOT/testdata/sample-tree/." "$up" &&
	cd "$up" &&
	"$COCCIDRIVE" convert -q --in-place . 2>"$TMP/convert.err" &&
	git add -A && commit "base: the sample tree, converted" &&
	git checkout -q -b topic-bad &&
	mkdir -p net/foo && cp "$TMP/src/foo.c" net/foo/foo.c &&
	git add -A && commit "net: foo: add the control socket" &&
	git checkout -q -b topic-clean master &&
	mkdir -p net/bar && cp "$TMP/src/bar.c" net/bar/bar.c &&
	git add -A && commit "net: bar: a socket in the caller${SQ}s namespace" &&
	git checkout -q master &&
	test_expect_code 0 "$COCCIDRIVE" check -q --git-range master..topic-clean &&
	test_expect_code 1 "$COCCIDRIVE" check -q --git-range master..topic-bad &&
	git clone -q "$up" "$work" &&
	git -C "$work" checkout -q --detach origin/master &&
	git -C "$work" branch -q -D master &&
	cd "$ROOT"
'

# GitHub: HEAD is the pull request merged into its base, as
# actions/checkout checks out refs/pull/N/merge; GITHUB_BASE_REF names
# the base.  A "run:" is run as GitHub runs it with no "shell:" (bash -e).
gh_merge() { # TOPIC: HEAD at TOPIC merged into origin/master
	git -C "$work" checkout -q --detach origin/master &&
	tick=$((tick + 60)) &&
	GIT_AUTHOR_DATE="@$tick +0000" GIT_COMMITTER_DATE="@$tick +0000" \
		git -C "$work" merge -q --no-ff -m "Merge $1 into master" "origin/$1"
}
gh_run() { # STEP_ID STATUS [BASE]: that step's run: text, in $work
	tool github "$ROOT/contrib/github/coccidrive.yml" "$1" >"$TMP/gh-$1.sh" &&
	(cd "$work" && GITHUB_ACTIONS=true GITHUB_EVENT_NAME=pull_request \
		GITHUB_BASE_REF=${3:-master} GITHUB_WORKSPACE=$work \
		test_expect_code "$2" bash -e "$TMP/gh-$1.sh")
}
test_expect_success 'GitHub: the workflow parses: pull_request, full history, the steps, security-events: write' '
	tool github "$ROOT/contrib/github/coccidrive.yml" check >"$TMP/run" &&
	test_grep -F "coccidrive check --git-range \"origin/\$GITHUB_BASE_REF..HEAD\" --format=github" "$TMP/run"
'
test_expect_success 'GitHub: an old call in the pull request: exit 1, an ::error on its line' '
	gh_merge topic-bad &&
	gh_run check 1 &&
	test_grep "^::error file=net/foo/foo.c,line=9,col=9,endColumn=25,title=coccidrive%3A commit [0-9a-f]\{12\}::" "$OUT" &&
	test_line_count = 1 "$OUT" &&
	test_grep -F "coccidrive check --git-range: 2 commits (1 merge)" "$ERR"
'
test_expect_success 'GitHub: the SARIF step: exit 0 on findings, the result in coccidrive.sarif' '
	gh_run sarif 0 &&
	test_must_be_empty "$OUT" && test_must_be_empty "$ERR" &&
	jq -r ".runs[0].results[] | \"\(.level) \(.locations[0].physicalLocation.artifactLocation.uri):\(.locations[0].physicalLocation.region.startLine)\"" \
		"$work/coccidrive.sarif" >"$TMP/results" &&
	echo "error net/foo/foo.c:9" >"$TMP/expect" &&
	test_cmp "$TMP/expect" "$TMP/results" &&
	"$PYTHON" "$ROOT/tests/json-validate.py" "$ROOT/schemas/sarif-schema-2.1.0.json" "$work/coccidrive.sarif" >"$TMP/errs" &&
	test_must_be_empty "$TMP/errs"
'
test_expect_success 'GitHub: a clean pull request: both steps exit 0, no annotation, no result' '
	rm -f "$work/coccidrive.sarif" &&
	gh_merge topic-clean &&
	gh_run check 0 &&
	test_must_be_empty "$OUT" &&
	gh_run sarif 0 &&
	test "$(jq ".runs[0].results | length" "$work/coccidrive.sarif")" = 0
'
# (The SARIF step's status is the one of "[ 2 -eq 1 ]": 1.)
test_expect_success 'GitHub: an error (no such base branch) fails both steps' '
	gh_run check 2 nosuch &&
	test_grep -F "revspec ${SQ}origin/nosuch${SQ} not found" "$ERR" &&
	gh_run sarif 1 nosuch &&
	test_grep -F "revspec ${SQ}origin/nosuch${SQ} not found" "$ERR"
'

# GitLab: a merge request pipeline checks out the source branch's tip,
# detached; CI_MERGE_REQUEST_DIFF_BASE_SHA is its merge base with the
# target.  The runner runs the script lines in one shell (bash here) and
# stops at the first that fails.
gl_run() { # TOPIC STATUS
	tool gitlab "$ROOT/contrib/gitlab/coccidrive.gitlab-ci.yml" coccidrive >"$TMP/gl.sh" &&
	git -C "$work" checkout -q --detach "origin/$1" &&
	rm -f "$work/coccidrive.json" &&
	(cd "$work" && CI=true GITLAB_CI=true CI_PIPELINE_SOURCE=merge_request_event \
		CI_MERGE_REQUEST_TARGET_BRANCH_NAME=master CI_MERGE_REQUEST_SOURCE_BRANCH_NAME=$1 \
		CI_MERGE_REQUEST_DIFF_BASE_SHA=$(git merge-base origin/master "origin/$1") \
		test_expect_code "$2" bash -eo pipefail "$TMP/gl.sh")
}
test_expect_success 'GitLab: an old call in the merge request: exit 1, the finding in the log and in coccidrive.json' '
	gl_run topic-bad 1 &&
	id=$(git -C "$work" rev-parse --short=12 origin/topic-bad) &&
	test_grep -x -F "net/foo/foo.c:9:9: $old [commit $id \"net: foo: add the control socket\"]" "$OUT" &&
	test_line_count = 1 "$OUT" &&
	test_grep -F "coccidrive check --git-range: 1 commit" "$ERR" &&
	test "$(jq -r ".findings[] | \"\(.file):\(.line):\(.column)\"" "$work/coccidrive.json")" = net/foo/foo.c:9:9 &&
	"$PYTHON" "$ROOT/tests/json-validate.py" "$ROOT/schemas/findings.schema.json" "$work/coccidrive.json" >"$TMP/errs" &&
	test_must_be_empty "$TMP/errs"
'
test_expect_success 'GitLab: a clean merge request: exit 0, no finding' '
	gl_run topic-clean 0 &&
	test_must_be_empty "$OUT" &&
	test "$(jq ".findings | length" "$work/coccidrive.json")" = 0
'

# pre-push: a bare remote, a clone of it with the hook.
remote=$TMP/remote.git
hk=$TMP/hook-work
rref() { git --git-dir="$remote" rev-parse -q --verify "$1"; }
test_expect_success 'pre-push: setup (a bare remote, a clone with the hook)' '
	git clone -q --bare "$up" "$remote" &&
	git clone -q "$remote" "$hk" &&
	cp "$ROOT/contrib/hooks/pre-push" "$hk/.git/hooks/pre-push" &&
	test -x "$hk/.git/hooks/pre-push" &&
	git -C "$hk" rev-parse -q --verify refs/remotes/origin/HEAD
'
test_expect_success 'pre-push: a clean commit is pushed' '
	cd "$hk" &&
	mkdir -p net/bar && cp "$TMP/src/bar.c" net/bar/bar.c &&
	git add -A && commit "net: bar: a socket in the caller${SQ}s namespace" &&
	cd "$ROOT" &&
	test_expect_code 0 git -C "$hk" push -q origin master &&
	test "$(rref master)" = "$(git -C "$hk" rev-parse HEAD)"
'
test_expect_success 'pre-push: a commit with an old call is refused, the finding shown, the remote unchanged' '
	before=$(rref master) &&
	cd "$hk" &&
	mkdir -p net/foo && cp "$TMP/src/foo.c" net/foo/foo.c &&
	git add -A && commit "net: foo: add the control socket" &&
	cd "$ROOT" &&
	test_expect_code 1 git -C "$hk" push origin master &&
	cat "$OUT" "$ERR" >"$TMP/push" &&
	id=$(git -C "$hk" rev-parse --short=12 HEAD) &&
	test_grep -x -F "net/foo/foo.c:9:9: $old [commit $id \"net: foo: add the control socket\"]" "$TMP/push" &&
	test_grep -F "pre-push: refs/heads/master: the findings above; push refused" "$TMP/push" &&
	test_grep -F "failed to push some refs" "$TMP/push" &&
	test "$(rref master)" = "$before" &&
	test_expect_code 0 git -C "$hk" push -q --no-verify origin HEAD:refs/heads/skipped &&
	test "$(rref skipped)" = "$(git -C "$hk" rev-parse HEAD)"
'
test_expect_success 'pre-push: a new branch: checked from its merge base with origin/HEAD' '
	test_expect_code 1 git -C "$hk" push origin HEAD:refs/heads/new-bad &&
	test_grep "^net/foo/foo.c:9:9: " "$OUT" &&
	test_path_is_missing "$remote/refs/heads/new-bad" &&
	test_must_fail rref new-bad &&
	test_expect_code 0 git -C "$hk" push -q origin HEAD~1:refs/heads/new-clean &&
	test "$(rref new-clean)" = "$(git -C "$hk" rev-parse HEAD~1)"
'
test_expect_success 'pre-push: deleting a branch is not checked' '
	test_expect_code 0 git -C "$hk" push -q origin --delete skipped &&
	test_must_fail rref skipped
'
test_expect_success 'pre-push: a new branch without refs/remotes/origin/HEAD: refused, says why and the ways out' '
	git -C "$hk" remote set-head origin -d &&
	test_expect_code 1 git -C "$hk" push origin HEAD~1:refs/heads/new2 &&
	test_grep -F "pre-push: refs/heads/new2 is new on origin, and refs/remotes/origin/HEAD is not set: cannot tell which commits are new." "$ERR" &&
	test_grep -F "git push --no-verify" "$ERR" &&
	test_must_fail rref new2 &&
	git -C "$hk" remote set-head origin master
'
test_expect_success 'pre-push: the remote has a commit that is not here: fetch first' '
	git clone -q "$remote" "$TMP/other" &&
	(cd "$TMP/other" && echo "/* other */" >>net/socket.c && git add -A &&
		commit "net: a comment" && git push -q --no-verify origin master) &&
	git -C "$hk" reset -q --hard HEAD~1 &&
	echo "mine" >"$hk/notes.txt" && git -C "$hk" add notes.txt && git -C "$hk" commit -q -m mine &&
	test_expect_code 1 git -C "$hk" push --force origin master &&
	test_grep -F "pre-push: refs/heads/master on origin is at $(rref master), which is not here: run ${SQ}git fetch origin${SQ} first." "$ERR" &&
	test "$(rref master)" = "$(git -C "$TMP/other" rev-parse HEAD)"
'
test_expect_success 'pre-push: COCCIDRIVE names the program; its error refuses the push' '
	git -C "$hk" fetch -q origin && git -C "$hk" rebase -q origin/master &&
	COCCIDRIVE=$TMP/nosuch test_expect_code 1 git -C "$hk" push origin master &&
	test_grep "^pre-push: refs/heads/master: $TMP/nosuch check --git-range [0-9a-f]\{40\}\.\.[0-9a-f]\{40\} failed (status 127); push refused\.\$" "$ERR" &&
	test "$(rref master)" = "$(git -C "$TMP/other" rev-parse HEAD)" &&
	COCCIDRIVE=$COCCIDRIVE test_expect_code 0 git -C "$hk" push -q origin master
'

# GitHub, shards: each job of the matrix in a checkout of its own (the
# unconverted sample tree), the reports gathered in the merge job's
# directory as download-artifact puts them, and the merge step run there.
test_expect_success 'GitHub shards: the workflow parses: a matrix 1..N, a merge job after it' '
	tool github-shards "$ROOT/contrib/github/coccidrive-shards.yml" >"$TMP/shard-lines" &&
	test_line_count = 5 "$TMP/shard-lines"
'
test_expect_success 'GitHub shards: the matrix jobs, each on its own checkout, merged: the patch and report of one run' '
	git init -q "$TMP/ghs-src" && cp -R "$ROOT/testdata/sample-tree/." "$TMP/ghs-src" &&
	git -C "$TMP/ghs-src" add -A && (cd "$TMP/ghs-src" && commit "the sample tree") &&
	mkdir "$TMP/ghs-merge" && k=0 &&
	head -n 4 "$TMP/shard-lines" >"$TMP/shard-jobs" &&
	while read -r line; do
		k=$((k + 1)) &&
		git clone -q "$TMP/ghs-src" "$TMP/ghs-$k" && mkdir "$TMP/ghs-tmp$k" &&
		printf "%s\n" "$line" >"$TMP/ghs-job.sh" &&
		(cd "$TMP/ghs-$k" && RUNNER_TEMP=$TMP/ghs-tmp$k bash -e "$TMP/ghs-job.sh") &&
		cp "$TMP/ghs-tmp$k/shard-$k.json" "$TMP/ghs-merge/" || return 1
	done <"$TMP/shard-jobs" &&
	tail -n 1 "$TMP/shard-lines" >"$TMP/ghs-merge.sh" &&
	(cd "$TMP/ghs-merge" && test_expect_code 0 bash -e "$TMP/ghs-merge.sh") &&
	(cd "$TMP/ghs-1" && coccidrive convert -q -o "$TMP/one.patch" --report "$TMP/one.json" .) &&
	test_cmp "$TMP/one.patch" "$TMP/ghs-merge/sock_create_kern.patch" &&
	test_cmp "$TMP/one.json" "$TMP/ghs-merge/coccidrive.json" &&
	test -s "$TMP/one.patch"
'

# b4: the value as b4 reads it (git config --get-regexp, the file
# included from the repository's configuration), run as b4 runs it.  A
# patch as b4 hands it: headers and body, no mbox "From " line.
b4_patch() { # REV FILE
	git -C "$work" format-patch -1 --stdout "$1" | sed 1d >"$2"
}
test_expect_success 'b4: the setting, read as b4 reads it' '
	git -C "$work" checkout -q --detach origin/master &&
	git -C "$work" config --add include.path "$ROOT/contrib/b4/b4-config" &&
	git -C "$work" config -z --get-regexp "b4\\..*" | tr "\\000" "\\n" >"$TMP/b4cfg" &&
	printf "%s\n" "b4.am-perpatch-check-cmd" "coccidrive check -q --patch -" >"$TMP/expect" &&
	test_cmp "$TMP/expect" "$TMP/b4cfg" &&
	b4cmd=$(git -C "$work" config b4.am-perpatch-check-cmd)
'
test_expect_success 'b4: a clean patch: no output, exit 0: success' '
	b4_patch origin/topic-clean "$TMP/clean.patch" &&
	head -n 1 "$TMP/clean.patch" >"$TMP/first" && test_grep "^From: " "$TMP/first" &&
	(cd "$work/net" && tool b4 "$b4cmd" "$TMP/clean.patch") >"$TMP/verdict" &&
	printf "%s\n" "success coccidrive: passed all checks" "exit 0" >"$TMP/expect" &&
	test_cmp "$TMP/expect" "$TMP/verdict"
'
test_expect_success 'b4: a patch adding an old call: the finding on stdout (a b4 warning), exit 1' '
	b4_patch origin/topic-bad "$TMP/bad.patch" &&
	(cd "$work/net" && tool b4 "$b4cmd" "$TMP/bad.patch") >"$TMP/verdict" &&
	printf "%s\n" "warning coccidrive: net/foo/foo.c:9:9: $old [patch 1 \"net: foo: add the control socket\"]" "exit 1" >"$TMP/expect" &&
	test_cmp "$TMP/expect" "$TMP/verdict"
'
# b4 prep --check's case: the patch is a commit HEAD has already.
test_expect_success 'b4: a patch HEAD already has (b4 prep --check): does not apply, a b4 failure, exit 2' '
	git -C "$work" checkout -q --detach origin/topic-bad &&
	(cd "$work" && tool b4 "$b4cmd" "$TMP/bad.patch") >"$TMP/verdict" &&
	printf "%s\n" "fail coccidrive: coccidrive: --patch -: patch 1 \"net: foo: add the control socket\" does not apply: net/foo/foo.c: already exists" "exit 2" >"$TMP/expect" &&
	test_cmp "$TMP/expect" "$TMP/verdict" &&
	git -C "$work" checkout -q --detach origin/master
'

test_done
