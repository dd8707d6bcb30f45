#!/usr/bin/env python3
"""Validates JSON against a JSON Schema: a file holds one object, an array of
objects (`assay analyze --format json` on several documents) or one object
per line (JSON Lines).

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
        docs = []
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None
        if isinstance(whole, dict):
            docs.append((1, whole))
        elif isinstance(whole, list):
            docs.extend((f"[{i}]", doc) for i, doc in enumerate(whole))
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
