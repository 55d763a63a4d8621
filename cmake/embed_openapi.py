#!/usr/bin/python3
"""Embeds an OpenAPI YAML document, and its JSON form, into a C++ source file.

usage: embed_openapi.py DOCUMENT.yaml OUTPUT.cc NAMESPACE

The service serves both forms from memory, so the document in openapi/ stays the single
source; the JSON is produced here at build time rather than by the service at run time.
"""
import json
import sys

import yaml


def literal(text):
    delimiter = "vcdoc"
    if ")" + delimiter + '"' in text:
        raise SystemExit("document contains the raw-string delimiter")
    return 'R"' + delimiter + "(" + text + ")" + delimiter + '"'


def main():
    source, output, namespace = sys.argv[1:4]
    with open(source, encoding="utf-8") as f:
        text = f.read()
    document = yaml.safe_load(text)
    as_json = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=str)
    with open(output, "w", encoding="utf-8") as f:
        f.write("// Generated from %s by cmake/embed_openapi.py; do not edit.\n" % source)
        f.write("namespace %s {\n" % namespace)
        f.write("extern const char kOpenApiYaml[] = %s;\n" % literal(text))
        f.write("extern const char kOpenApiJson[] = %s;\n" % literal(as_json))
        f.write("}  // namespace %s\n" % namespace)


if __name__ == "__main__":
    main()
