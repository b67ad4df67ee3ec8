#!/usr/bin/env python3
"""Validate an SBOM document against the official schemas and tools shipped in PyPI packages.

    validate_sbom.py spdx-json FILE
    validate_sbom.py cyclonedx-json FILE

Exit 0 when FILE is valid; 1 with the reasons on stderr (lines starting `invalid:`) when it is not;
2 on a usage or setup error, or a failure of the validator itself.

cyclonedx-json: JSON Schema validation (jsonschema, Draft 7) against CycloneDX 1.6 as shipped by
cyclonedx-python-lib (cyclonedx/schema/_res/bom-1.6.SNAPSHOT.schema.json); its references to
spdx.SNAPSHOT.schema.json and jsf-0.82.SNAPSHOT.schema.json are resolved from the same directory,
never from the network.

spdx-json: JSON Schema validation against the SPDX 2.3 JSON schema as lib4sbom ships it
(lib4sbom/schemas/spdx/2.3-schema.json), then spdx-tools' parser and its validator
(validate_full_spdx_document, SPDX-2.3), the official SPDX tool, for what a schema cannot say
(every referenced SPDXID and LicenseRef exists, licence expressions parse).
"""

import json
import math
import pathlib
import re
import sys

DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]|23:59:60)Z$")


def fail(reasons):
    for reason in reasons:
        print(f"invalid: {reason}", file=sys.stderr)
    sys.exit(1)


def load_strict(path):
    """Strict JSON: UTF-8, no NaN/Infinity, no duplicate keys."""

    def no_constants(name):
        raise ValueError(f"non-JSON constant {name}")

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate keys in object: {sorted(k for k in set(keys) if keys.count(k) > 1)}")
        return dict(pairs)

    try:
        text = pathlib.Path(path).read_bytes().decode("utf-8", errors="strict")
        return json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except (UnicodeDecodeError, ValueError) as error:
        fail([f"not strict UTF-8 JSON: {error}"])


# ---------------------------------------------------------------- CycloneDX


def validate_cyclonedx(path):
    try:
        import cyclonedx.schema
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT7
    except ImportError as error:
        print(f"setup: {error} (scripts/scan-deps.sh installs it)", file=sys.stderr)
        sys.exit(2)
    res = pathlib.Path(cyclonedx.schema.__file__).parent / "_res"
    main = json.loads((res / "bom-1.6.SNAPSHOT.schema.json").read_text(encoding="utf-8"))
    registry = Registry()
    base = "http://cyclonedx.org/schema/"
    for name in ("bom-1.6.SNAPSHOT.schema.json", "spdx.SNAPSHOT.schema.json", "jsf-0.82.SNAPSHOT.schema.json"):
        contents = json.loads((res / name).read_text(encoding="utf-8"))
        resource = Resource.from_contents(contents, default_specification=DRAFT7)
        # Both the $id the schema declares and the file name its siblings refer to it by.
        registry = registry.with_resource(base + name, resource)
        if "$id" in contents:
            registry = registry.with_resource(contents["$id"], resource)
    document = load_strict(path)
    validator = jsonschema.Draft7Validator(
        main, registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    reasons = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:500]}" for e in errors]
    if document.get("specVersion") != "1.6":
        reasons.append(f"specVersion is {document.get('specVersion')!r}, not '1.6'")
    timestamp = document.get("metadata", {}).get("timestamp")
    if timestamp is not None and not DATE.match(str(timestamp)):
        reasons.append(f"metadata/timestamp {timestamp!r} is not an ISO 8601 UTC date-time")
    if reasons:
        fail(reasons)


# ---------------------------------------------------------------- SPDX

def schema_spdx(document):
    """The SPDX 2.3 JSON schema (spdx/spdx-spec's, as lib4sbom ships it) over the document."""
    try:
        import jsonschema
        import lib4sbom
    except ImportError as error:
        print(f"setup: {error} (scripts/scan-deps.sh installs it)", file=sys.stderr)
        sys.exit(2)
    path = pathlib.Path(lib4sbom.__file__).parent / "schemas" / "spdx" / "2.3-schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    reasons = [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message[:500]}" for e in errors]
    if document.get("spdxVersion") != "SPDX-2.3":
        reasons.append(f"spdxVersion is {document.get('spdxVersion')!r}, not 'SPDX-2.3'")
    # The specification requires it (clause 6.5); the JSON schema leaves it optional.
    if not isinstance(document.get("documentNamespace"), str) or not document["documentNamespace"]:
        reasons.append("documentNamespace is missing (SPDX 2.3 requires one)")
    return reasons


def validate_spdx(path):
    try:
        from spdx_tools.spdx.parser.error import SPDXParsingError
        from spdx_tools.spdx.parser.json import json_parser
        from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    except ImportError as error:
        print(f"setup: {error} (scripts/scan-deps.sh installs it)", file=sys.stderr)
        sys.exit(2)
    reasons = schema_spdx(load_strict(path))
    try:
        document = json_parser.parse_from_file(str(path))
    except SPDXParsingError as error:
        fail(reasons + [f"spdx-tools parser: {message}" for message in error.get_messages()])
    except Exception as error:  # the parser raises plain errors on some malformed input
        fail(reasons + [f"spdx-tools parser: {type(error).__name__}: {error}"])
    for message in validate_full_spdx_document(document, spdx_version="SPDX-2.3"):
        reasons.append(f"spdx-tools validator: {message.validation_message} ({message.context.spdx_id or ''})")
    if reasons:
        fail(reasons)


def main(argv):
    if len(argv) != 3 or argv[1] not in ("spdx-json", "cyclonedx-json"):
        print("usage: validate_sbom.py spdx-json|cyclonedx-json FILE", file=sys.stderr)
        return 2
    if not pathlib.Path(argv[2]).is_file():
        print(f"no such file: {argv[2]}", file=sys.stderr)
        return 2
    try:
        (validate_spdx if argv[1] == "spdx-json" else validate_cyclonedx)(argv[2])
    except SystemExit:
        raise
    except Exception as error:  # a bug or a broken setup, not an invalid document: exit 2
        print(f"validator error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
