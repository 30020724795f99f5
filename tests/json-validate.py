#!/usr/bin/python3
# json-validate.py SCHEMA FILE...: validates each FILE against the JSON
# Schema SCHEMA (its own "$schema" picks the draft: 7 for
# schemas/findings.schema.json, 2020-12 for the SARIF schema), after
# checking the schema itself.  Prints each error as "FILE: PATH: message"
# and exits 1 when there is one, 2 when a file does not parse.  Run with
# Debian's python3 and python3-jsonschema (tests/install-deps.sh).
import json
import sys

import jsonschema


def main():
    if len(sys.argv) < 3:
        print("usage: json-validate.py SCHEMA FILE...", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=jsonschema.FormatChecker())
    bad = 0
    for name in sys.argv[2:]:
        try:
            with open(name, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: does not parse: {e}")
            return 2
        for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.path)):
            path = "/".join(str(p) for p in e.absolute_path)
            print(f"{name}: /{path}: {e.message}")
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
