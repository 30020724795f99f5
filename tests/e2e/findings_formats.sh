#!/bin/sh
# The output formats of a series' findings (check --git-range, --patch):
# --format=json validates against schemas/findings.schema.json (and its
# totals and commits agree), --format=sarif against the SARIF 2.1.0
# schema (schemas/sarif-schema-2.1.0.json) and Microsoft's SARIF
# Multitool with GitHub's own rules ("Gh"), --format=github is one
# well-formed workflow command per finding, --format=text one line per
# finding and hint; README's samples are what they print.  Each validator
# is shown to reject a broken document, so that none can pass blindly.
#
# The findings: two series built by hand in tests/unit/test_findings_report.c
# ("hostile": a comma, a colon, a percent sign, a newline and a byte that
# is not UTF-8 in file names, a pre-existing finding, a hint; "plain":
# README's), written with the real rule.
. "$(dirname "$0")/../test-lib.sh"

cd "$TMP" || exit 2
PYTHON=${COCCIDRIVE_PYTHON:-/usr/bin/python3}
MULTITOOL=${SARIF_MULTITOOL:-${COCCIDRIVE_NPM_DIR:-$HOME/.cache/coccidrive/npm}/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
validate() { "$PYTHON" "$ROOT/tests/json-validate.py" "$@"; }

# produce FORMAT SET: the findings of SET in FORMAT, on stdout.  The one
# line to change once "check --format" is wired: a real series instead.
produce() {
	(cd "$ROOT" && build/asan/test_findings_report --print "$1" "$2" \
		semantic-patches/sock_create_kern.cocci)
}

for set in hostile plain; do
	for fmt in json sarif github text; do
		produce $fmt $set >"$set.$fmt" || {
			echo "FAIL produce $fmt $set"
			exit 1
		}
	done
done

test_expect_success 'the validators are installed (make deps)' '
	"$PYTHON" -c "import jsonschema" &&
	test -x "$MULTITOOL"
'

## JSON

test_expect_success 'json: valid against schemas/findings.schema.json' '
	validate "$ROOT/schemas/findings.schema.json" hostile.json plain.json >errs &&
	test_must_be_empty errs
'
test_expect_success 'json: totals count the findings; each commit is one of commits[]' '
	bad= &&
	for f in hostile.json plain.json; do
		jq -e "(.findings | length) == .totals.total and
			([.findings[] | select(.preexisting)] | length) == .totals.preexisting and
			.totals.new == .totals.total - .totals.preexisting and
			.totals.converted + .totals.already_converted +
				.totals.declaration + .totals.manual == .totals.total and
			([.commits[].id] as \$ids | all(.findings[]; .commit == null or
				(.commit as \$c | \$ids | index(\$c) != null))) and
			([.commits[].index] == [range(1; (.commits | length) + 1)])" $f >/dev/null ||
		bad="$bad $f"
	done &&
	test -z "$bad" || { echo "not as expected:$bad"; false; }
'
test_expect_success 'json: a name that is not UTF-8 has U+FFFD and its bytes in file_hex' '
	jq -r ".findings[] | select(.file_hex) | .file, .file_hex" hostile.json >got &&
	printf "drivers/odd/caf\357\277\275.c\n647269766572732f6f64642f636166e92e63\n" >want &&
	test_cmp want got
'
# A document the schema must refuse, one mutation at a time.
test_expect_success 'json: the schema rejects what is not schema 1' '
	bad= &&
	for m in "del(.kind)" ".schema = 2" ".findings[0].column = 0" \
		".findings[1].commit = null" ".findings[0].bucket = \"later\"" \
		".findings[0].extra = 1" ".commits[0].id = \"abc\"" \
		".repo_top = \"relative\"" ".findings[1].file = \"/abs.c\""; do
		: >errs &&
		jq "$m" hostile.json >broken.json &&
		test_must_fail validate "$ROOT/schemas/findings.schema.json" broken.json >errs &&
		test_grep "broken.json: /" errs || bad="$bad, $m"
	done &&
	test -z "$bad" || { echo "not as expected:$bad"; false; }
'

## SARIF

test_expect_success 'sarif: the vendored schema is the one schemas/README.md names' '
	want=$(sed -n "s/^sha256: *\([0-9a-f]*\)$/\1/p" "$ROOT/schemas/README.md") &&
	test -n "$want" &&
	echo "$want  $ROOT/schemas/sarif-schema-2.1.0.json" | sha256sum -c - >/dev/null
'
test_expect_success 'sarif: valid against the SARIF 2.1.0 schema' '
	validate "$ROOT/schemas/sarif-schema-2.1.0.json" hostile.sarif plain.sarif >errs &&
	test_must_be_empty errs
'
test_expect_success 'sarif: the schema rejects a broken log' '
	bad= &&
	for m in ".version = \"2.0.0\"" \
		".runs[0].results[0].locations[0].physicalLocation.region.startColumn = 0" \
		".runs[0].results[0].level = \"fatal\"" \
		"del(.runs[0].tool.driver.name)"; do
		jq "$m" hostile.sarif >broken.sarif &&
		test_must_fail validate "$ROOT/schemas/sarif-schema-2.1.0.json" broken.sarif >errs ||
		bad="$bad, $m"
	done &&
	test -z "$bad" || { echo "not as expected:$bad"; false; }
'
# The Multitool exits 0 whatever it finds: its lines are what counts.
# SARIF2005 (no informationUri) is the one warning: coccidrive has no
# web page to name.
multitool() { # FILE: its findings, one per line, in $TMP/mt
	"$MULTITOOL" validate --rule-kind "Gh;Sarif" "$1" >mt 2>&1 &&
	test_grep "Analysis completed successfully" mt
}
test_expect_success 'sarif: SARIF Multitool with GitHub rules: no error, no warning but SARIF2005' '
	: >errs &&
	for f in hostile.sarif plain.sarif; do
		multitool $f || echo "$f: the Multitool did not complete" >>errs
		grep -E ": (error|warning) " mt | grep -v " warning SARIF2005: " >>errs
	done
	test_must_be_empty errs
'
test_expect_success 'sarif: SARIF Multitool reports a broken log (it can fail)' '
	jq ".runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = \"/abs/x.c\" |
		.runs[0].results[1].ruleId = \"nosuchrule\"" plain.sarif >broken.sarif &&
	multitool broken.sarif &&
	test_grep -F ": error SARIF1004: " mt
'
test_expect_success 'sarif: one result per finding, same places, commits in properties' '
	"$PYTHON" - hostile.json hostile.sarif <<-\EOF
	import json, sys, urllib.parse
	j = json.load(open(sys.argv[1]))
	s = json.load(open(sys.argv[2]))
	want = [[f["file"], f["line"], f["column"], f["commit"],
		 "warning" if f["preexisting"] else "error"] for f in j["findings"]]
	got = [[urllib.parse.unquote(r["locations"][0]["physicalLocation"]
				      ["artifactLocation"]["uri"], errors="replace"),
		r["locations"][0]["physicalLocation"]["region"]["startLine"],
		r["locations"][0]["physicalLocation"]["region"]["startColumn"],
		r["properties"]["commit"], r["level"]]
	       for r in s["runs"][0]["results"]]
	assert want == got, "want %r, got %r" % (want, got)
	EOF
'

## GitHub workflow commands

test_expect_success 'github: one well-formed command per finding, in order' '
	jq ".findings | length" hostile.json >want &&
	wc -l <hostile.github | tr -d " " >got &&
	test_cmp want got &&
	pat="^::(error|warning) file=[^,:]+,line=[0-9]+,col=[0-9]+(,endColumn=[0-9]+)?,title=[^,:]+::.+$" &&
	grep -v -E "$pat" hostile.github plain.github >bad;
	grep "$(printf "\r")" hostile.github plain.github >>bad;
	test_must_be_empty bad &&
	jq -r ".findings[] | if .preexisting then \"warning\" else \"error\" end" hostile.json >want &&
	sed "s/^::\([a-z]*\) .*/\1/" hostile.github >got &&
	test_cmp want got
'
# The runner's unescaping (actions/runner, ActionCommand.cs) gives back
# the file name and the message.
unescape() { sed "s/%0D/\r/g; s/%0A/\\\\n/g; s/%3A/:/g; s/%2C/,/g; s/%25/%/g"; }
test_expect_success 'github: file names come back whole after the runner unescapes them' '
	jq -r ".findings[] | .file | @json" hostile.json | sed "s/^\"//; s/\"\$//" >want &&
	sed "s/^::[a-z]* file=\([^,]*\),.*/\1/" hostile.github | unescape >got &&
	test_cmp want got
'

## text

test_expect_success 'text: one line per finding and per hint, in the words of the JSON' '
	jq -r ".commits as \$cs | .findings[] |
		\"\(.file):\(.line):\(.column): \(.message) \(if .commit then
			(.commit as \$c | \$cs[] | select(.id == \$c) |
				\"[commit \(.short_id) \\\"\(.subject)\\\"]\")
			else \"[pre-existing]\" end)\",
		(select(.hint) | \"\(.file):\(.line):\(.column): hint: \(.hint)\")" plain.json >want &&
	test_cmp want plain.text
'

## README

# readme_block LINE: README's first ``` block after the line LINE.
readme_block() {
	awk -v start="$1" 'found && /^```/ { if (inblock) exit; inblock = 1; next }
		$0 == start { found = 1 }
		inblock { print }' "$ROOT/README.md"
}
test_expect_success 'README: the --format=github sample as printed' '
	readme_block "With \`--format=github\`:" >want &&
	test_line_count -gt 1 want &&
	test_cmp want plain.github
'
test_expect_success 'README: the --format=text sample as printed' '
	readme_block "With \`--format=text\` (the default):" >want &&
	test_line_count -gt 1 want &&
	test_cmp want plain.text
'
test_expect_success 'README: the --format=json sample as printed' '
	readme_block "With \`--format=json\`:" >want &&
	test_line_count -gt 10 want &&
	test_cmp want plain.json
'
test_expect_success 'README: the SARIF result sample is a result of the real output' '
	readme_block "A result of \`--format=sarif\`:" >want &&
	test_line_count -gt 10 want &&
	jq ".runs[0].results[1]" plain.sarif >got &&
	jq . want >want.n &&
	test_cmp want.n got
'
test_done
