# Git helpers for the tests of series (check --git-range, --patch, --fix)
# and the CI recipes, sourced after test-lib.sh.
#
# A git of our own: no user or system configuration, fixed identities
# and dates, so that the same commands make the same commits (and the
# same ids) on every machine.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL=author@example.org
export GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL=committer@example.org
tick=1700000000
commit() { # MESSAGE [-a]: commit, a minute after the last commit
	tick=$((tick + 60))
	GIT_AUTHOR_DATE="@$tick +0000" GIT_COMMITTER_DATE="@$tick +0000" \
		git commit -q ${2:-} -m "$1"
}
# The short id a finding gives: the first 12 hexadecimal digits.
id() { git -C "$repo" rev-parse "$1^{commit}" | cut -c1-12; }

# repo_snapshot DIR: every file, link and directory under DIR, .git
# included: type, size, mode, mtime to the nanosecond and, for a file,
# its SHA-256; then the refs and what git status says (without taking
# the index lock or refreshing the index).  Equal iff nothing was
# written, created, removed or even touched.
repo_snapshot() {
	(cd "$1" && {
		find . -print0 | LC_ALL=C sort -z |
			xargs -0 stat -c '%n %F %s %a %y'
		find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
		git for-each-ref
		git --no-optional-locks status --porcelain --ignored
	})
}
# unchanged N COMMAND...: test_expect_code N COMMAND..., and $repo as it
# was before, to the time stamp.
unchanged() {
	repo_snapshot "$repo" >"$TMP/before" || return 1
	test_expect_code "$@"
	_rc=$?
	repo_snapshot "$repo" >"$TMP/after" || return 1
	if ! cmp -s "$TMP/before" "$TMP/after"; then
		echo "the repository changed:" >&2
		diff "$TMP/before" "$TMP/after" | head -n 20 >&2
		return 1
	fi
	return $_rc
}
