#!/usr/bin/env python3
"""Reference answers for the scan tests' version comparators.

Reads lines `SCHEME A B` on stdin (SCHEME: dpkg, pep440 or semver; A and B without spaces) and
prints, per line, the sign of comparing A with B (`-1`, `0`, `1`), or `invalid` when the reference
implementation refuses either version:

  dpkg    dpkg --compare-versions (a syntax warning counts as invalid, as the Swift side refuses it)
  pep440  packaging.version.Version
  semver  semver.Version.parse(A).compare(B)

Run it with the scan venv's python (GATEHOUSE_TEST_SCAN_PYTHON, from scripts/scan-deps.sh install).
"""
import subprocess
import sys


def dpkg(a: str, b: str) -> str:
    def run(relation: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["dpkg", "--compare-versions", a, relation, b],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
        )

    less = run("lt")
    if less.returncode not in (0, 1) or "warning" in less.stderr:
        return "invalid"
    if less.returncode == 0:
        return "-1"
    return "0" if run("eq").returncode == 0 else "1"


def pep440(a: str, b: str) -> str:
    from packaging.version import InvalidVersion, Version

    try:
        left, right = Version(a), Version(b)
    except (InvalidVersion, ValueError):
        return "invalid"
    return "-1" if left < right else ("0" if left == right else "1")


def semver(a: str, b: str) -> str:
    import semver as semver_module

    try:
        result = semver_module.Version.parse(a).compare(b)
    except (ValueError, TypeError):
        return "invalid"
    return str((result > 0) - (result < 0))


SCHEMES = {"dpkg": dpkg, "pep440": pep440, "semver": semver}


def main() -> None:
    for line in sys.stdin:
        fields = line.split()
        if len(fields) != 3 or fields[0] not in SCHEMES:
            print("error")
        else:
            print(SCHEMES[fields[0]](fields[1], fields[2]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
