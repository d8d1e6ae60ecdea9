"""Validates errcat's OpenAPI documents with the real validators: each document with
openapi-spec-validator (OpenAPI 3.1), and each response example against the envelope
schema it is given, with jsonschema (Draft 2020-12, OpenAPI 3.1's dialect). An example
errcat built or copied from the page that the schema refuses is a finding, not noise.

Usage: python check-openapi.py FILE...
"""

import json
import sys

import jsonschema
from openapi_spec_validator import validate


def resolve(document, reference):
    node = document
    for part in reference.removeprefix("#/").split("/"):
        node = node[part]
    return node


def validators_refuse_a_broken_document():
    """The check can fail: a document without `info` and an example of the wrong type
    are refused, or the validators are not really running."""
    try:
        validate({"openapi": "3.1.0", "paths": {}})
    except Exception:
        pass
    else:
        raise SystemExit("openapi-spec-validator accepted a document without info")
    schema = {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]}
    if not list(jsonschema.Draft202012Validator(schema).iter_errors({"code": 1})):
        raise SystemExit("jsonschema accepted an integer for a string")


def main(paths):
    validators_refuse_a_broken_document()
    failures = 0
    examples = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        validate(document)
        schemas = document.get("components", {}).get("schemas", {})
        for name, response in document.get("components", {}).get("responses", {}).items():
            for media_type, media in response.get("content", {}).items():
                schema = media.get("schema", {})
                if "$ref" in schema:
                    schema = resolve(document, schema["$ref"])
                if "xml" in media_type:
                    continue  # XML bodies are text; the schema describes their JSON reading
                validator = jsonschema.Draft202012Validator(
                    schema, registry=None
                ) if False else jsonschema.Draft202012Validator(schema)
                for example_name, example in media.get("examples", {}).items():
                    examples += 1
                    for error in validator.iter_errors(example["value"]):
                        failures += 1
                        print(f"{path}: {name} example {example_name}: {error.message} at {list(error.absolute_path)}")
        print(f"{path}: OK")
    print(f"{len(paths)} documents, {examples} examples checked, {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
