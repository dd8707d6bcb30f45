#!/usr/bin/env python3
"""Validates JSON (one object per file or one per line) against a JSON Schema.

usage: validate_schema.py SCHEMA FILE...
Exit 0 when every object validates; prints each failure with file, line and
JSON pointer otherwise.
"""
import json
import sys

import jsonschema


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    checked = 0
    for path in sys.argv[2:]:
        text = open(path, encoding="utf-8").read()
        stripped = text.strip()
        docs = []
        if stripped.startswith("{") and "\n{" not in stripped:
            docs.append((1, json.loads(stripped)))
        else:
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    docs.append((n, json.loads(line)))
        for line, doc in docs:
            checked += 1
            for err in validator.iter_errors(doc):
                failures += 1
                pointer = "/" + "/".join(str(p) for p in err.absolute_path)
                print(f"{path}:{line}: {pointer}: {err.message}")
    print(f"{checked - min(failures, checked)} passed, {min(failures, checked)} failed")
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
