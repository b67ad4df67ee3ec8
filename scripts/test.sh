#!/usr/bin/env bash
# The project's test command: installs and starts what the tests need (a throwaway
# PostgreSQL and the nanoidp OpenID provider, both on 127.0.0.1, and the SCIM conformance
# suites scim2-cli and scim-sanity), checks formatting, builds,
# and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

deps=$(scripts/test-deps.sh) || { echo "test dependencies could not be set up" >&2; exit 1; }
eval "$deps"
if [[ -z "${GATEHOUSE_TEST_POSTGRES_URL:-}" && "${GATEHOUSE_TEST_SKIP_PG:-}" != "1" ]]; then
    echo "scripts/test-deps.sh did not provide GATEHOUSE_TEST_POSTGRES_URL" >&2
    exit 1
fi
if [[ -z "${GATEHOUSE_TEST_OIDC_ISSUER:-}" && "${GATEHOUSE_TEST_SKIP_OIDC:-}" != "1" ]]; then
    echo "scripts/test-deps.sh did not provide GATEHOUSE_TEST_OIDC_ISSUER" >&2
    exit 1
fi

if [[ -z "${GATEHOUSE_TEST_SCIM_VENV:-}" && "${GATEHOUSE_TEST_SKIP_SCIM:-}" != "1" ]]; then
    echo "scripts/test-deps.sh did not provide GATEHOUSE_TEST_SCIM_VENV" >&2
    exit 1
fi

if [[ -z "${GATEHOUSE_TEST_BROWSER_PYTHON:-}" && "${GATEHOUSE_TEST_SKIP_BROWSER:-}" != "1" ]]; then
    echo "scripts/test-deps.sh did not provide GATEHOUSE_TEST_BROWSER_PYTHON" >&2
    exit 1
fi
# The console tests' screenshots (and a browser failure's page dump) are kept here.
export GATEHOUSE_TEST_ARTIFACTS="${GATEHOUSE_TEST_ARTIFACTS:-$PWD/.build/test-artifacts}"
mkdir -p "$GATEHOUSE_TEST_ARTIFACTS"

echo "== swift format lint --strict" >&2
swift format lint --strict --parallel --recursive Package.swift Sources Tests bench

echo "== swift build --build-tests" >&2
swift build --build-tests

echo "== swift test" >&2
swift test --skip-build "$@"
echo "== screenshots and browser artifacts: $GATEHOUSE_TEST_ARTIFACTS" >&2
