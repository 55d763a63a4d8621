#!/usr/bin/env python3
"""Validates notification bodies against the Message schema of an OpenAPI document.

Usage: validate_messages.py OPENAPI_YAML MESSAGES_JSON
MESSAGES_JSON holds a JSON list of message bodies. Exit 0 when all validate, 1 when one does
not (printing why), 77 when python3 lacks yaml or jsonschema (the caller skips then).
"""
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(f"skip: {missing}")
    sys.exit(77)


def main():
    document = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    schema = dict(document["components"]["schemas"]["Message"])
    # OpenAPI 3.0 "format: uri" and "date-time" are checked as JSON Schema formats.
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    validator = jsonschema.Draft7Validator(schema, format_checker=checker)
    messages = json.load(open(sys.argv[2], encoding="utf-8"))
    bad = 0
    for message in messages:
        for error in validator.iter_errors(message):
            bad += 1
            print(f"{message.get('kanaal')} {message.get('actie')}: {error.message}")
    print(f"{len(messages)} messages, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
