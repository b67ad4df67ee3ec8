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

spdx-json: spdx-tools does not ship the SPDX 2.3 JSON schema, so the document is parsed with
spdx-tools' JSON parser and checked with its validator (validate_full_spdx_document, SPDX-2.3), the
official SPDX tool. The parser ignores unknown keys, so a structural check of the keys and the
patterns of the SPDX 2.3 JSON schema (the subset the tool does not enforce) runs first.
"""

import json
import math
import pathlib
import re
import sys

DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]|23:59:60)Z$")
SPDX_ID = re.compile(r"^SPDXRef-[A-Za-z0-9.-]+$")


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

# The keys the SPDX 2.3 JSON schema (spdx/spdx-spec schemas/spdx-schema.json) allows where this
# project's writer puts data, with the ones it requires.
ALLOWED = {
    "document": ({"$schema", "SPDXID", "annotations", "comment", "creationInfo", "dataLicense",
                  "externalDocumentRefs", "hasExtractedLicensingInfos", "name", "revieweds", "spdxVersion",
                  "documentNamespace", "documentDescribes", "packages", "files", "snippets", "relationships"},
                 {"SPDXID", "creationInfo", "dataLicense", "name", "spdxVersion", "documentNamespace"}),
    "creationInfo": ({"comment", "created", "creators", "licenseListVersion"}, {"created", "creators"}),
    "package": ({"SPDXID", "annotations", "attributionTexts", "builtDate", "checksums", "comment",
                 "copyrightText", "description", "downloadLocation", "externalRefs", "filesAnalyzed", "hasFiles",
                 "homepage", "licenseComments", "licenseConcluded", "licenseDeclared", "licenseInfoFromFiles",
                 "name", "originator", "packageFileName", "packageVerificationCode", "primaryPackagePurpose",
                 "releaseDate", "sourceInfo", "summary", "supplier", "validUntilDate", "versionInfo"},
                {"SPDXID", "downloadLocation", "name"}),
    "checksum": ({"algorithm", "checksumValue"}, {"algorithm", "checksumValue"}),
    "externalRef": ({"comment", "referenceCategory", "referenceLocator", "referenceType"},
                    {"referenceCategory", "referenceLocator", "referenceType"}),
    "relationship": ({"comment", "relatedSpdxElement", "relationshipType", "spdxElementId"},
                     {"relatedSpdxElement", "relationshipType", "spdxElementId"}),
    "extracted": ({"comment", "crossRefs", "extractedText", "licenseId", "name", "seeAlsos"},
                  {"extractedText", "licenseId"}),
}
PURPOSES = {"OTHER", "INSTALL", "ARCHIVE", "FIRMWARE", "APPLICATION", "FRAMEWORK", "LIBRARY", "CONTAINER",
            "SOURCE", "DEVICE", "OPERATING-SYSTEM", "FILE"}
CATEGORIES = {"OTHER", "PERSISTENT-ID", "SECURITY", "PACKAGE-MANAGER", "PACKAGE_MANAGER"}


def check_object(value, kind, where, reasons):
    allowed, required = ALLOWED[kind]
    if not isinstance(value, dict):
        reasons.append(f"{where}: not an object")
        return False
    for key in sorted(set(value) - allowed):
        reasons.append(f"{where}: key {key!r} is not in the SPDX 2.3 schema")
    for key in sorted(required - set(value)):
        reasons.append(f"{where}: required key {key!r} is missing")
    return True


def structural_spdx(document):
    reasons = []
    if not check_object(document, "document", "<root>", reasons):
        return reasons
    if document.get("spdxVersion") != "SPDX-2.3":
        reasons.append(f"spdxVersion is {document.get('spdxVersion')!r}, not 'SPDX-2.3'")
    if document.get("SPDXID") != "SPDXRef-DOCUMENT":
        reasons.append("SPDXID of the document is not SPDXRef-DOCUMENT")
    namespace = document.get("documentNamespace")
    if not isinstance(namespace, str) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$", namespace) or "#" in namespace:
        reasons.append(f"documentNamespace {namespace!r} is not an absolute URI without '#'")
    info = document.get("creationInfo")
    if check_object(info, "creationInfo", "creationInfo", reasons):
        if not DATE.match(str(info.get("created"))):
            reasons.append(f"creationInfo/created {info.get('created')!r} does not match the schema's pattern")
        if not isinstance(info.get("creators"), list) or not info.get("creators"):
            reasons.append("creationInfo/creators must be a non-empty array")
    for index, package in enumerate(document.get("packages", [])):
        where = f"packages/{index}"
        if not check_object(package, "package", where, reasons):
            continue
        if not SPDX_ID.match(str(package.get("SPDXID"))):
            reasons.append(f"{where}/SPDXID {package.get('SPDXID')!r} does not match ^SPDXRef-[a-zA-Z0-9.-]+$")
        if "primaryPackagePurpose" in package and package["primaryPackagePurpose"] not in PURPOSES:
            reasons.append(f"{where}/primaryPackagePurpose {package['primaryPackagePurpose']!r} is not allowed")
        if "filesAnalyzed" in package and not isinstance(package["filesAnalyzed"], bool):
            reasons.append(f"{where}/filesAnalyzed is not a boolean")
        for i, checksum in enumerate(package.get("checksums", [])):
            if check_object(checksum, "checksum", f"{where}/checksums/{i}", reasons):
                if not re.match(r"^[0-9a-fA-F]+$", str(checksum.get("checksumValue"))):
                    reasons.append(f"{where}/checksums/{i}/checksumValue is not hexadecimal")
        for i, ref in enumerate(package.get("externalRefs", [])):
            if check_object(ref, "externalRef", f"{where}/externalRefs/{i}", reasons):
                if ref.get("referenceCategory") not in CATEGORIES:
                    reasons.append(f"{where}/externalRefs/{i}/referenceCategory is not allowed")
    for index, relationship in enumerate(document.get("relationships", [])):
        check_object(relationship, "relationship", f"relationships/{index}", reasons)
    for index, extracted in enumerate(document.get("hasExtractedLicensingInfos", [])):
        where = f"hasExtractedLicensingInfos/{index}"
        if check_object(extracted, "extracted", where, reasons):
            if not re.match(r"^LicenseRef-[A-Za-z0-9.-]+$", str(extracted.get("licenseId"))):
                reasons.append(f"{where}/licenseId {extracted.get('licenseId')!r} is not LicenseRef-[A-Za-z0-9.-]+")
    return reasons


def validate_spdx(path):
    try:
        from spdx_tools.spdx.parser.error import SPDXParsingError
        from spdx_tools.spdx.parser.json import json_parser
        from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document
    except ImportError as error:
        print(f"setup: {error} (scripts/scan-deps.sh installs it)", file=sys.stderr)
        sys.exit(2)
    reasons = structural_spdx(load_strict(path))
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
