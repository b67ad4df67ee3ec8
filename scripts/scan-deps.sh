#!/usr/bin/env bash
# What the scan tests (GatehouseScanTests) need, installed once and cached outside the clone:
#   - a venv with the oracles and validators from PyPI: packaging (PEP 440 versions), semver (the
#     SemVer reference), jsonschema, cyclonedx-python-lib (ships the CycloneDX 1.6 JSON schema) and
#     spdx-tools (the official SPDX validator) and lib4sbom (ships the SPDX 2.3 JSON schema);
#   - Debian's dpkg (dpkg --compare-versions; always there on Debian), debootstrap and umoci (the
#     ground-truth image, see scripts/scan-image.sh), golang-golang-x-vuln-dev (real OSV records),
#     golang-go (a real Go binary for the build-info cataloger).
#
#   scripts/scan-deps.sh install   install if needed; prints the export lines below on stdout
#   scripts/scan-deps.sh env       print them without installing; exit 4 when not installed
#
#   export GATEHOUSE_TEST_SCAN_PYTHON=<venv>/bin/python3
#
# Idempotent and fast when installed: the venv carries a stamp written only after its self-check.
# GATEHOUSE_TEST_VENV_DIR is the venvs' parent (default /var/tmp/gatehouse-test-venv).
set -euo pipefail

PACKAGING_VERSION=26.3
SEMVER_VERSION=3.1.1
JSONSCHEMA_VERSION=4.26.0
CYCLONEDX_VERSION=11.12.0
SPDX_TOOLS_VERSION=0.8.5
LIB4SBOM_VERSION=0.10.4
PINS="packaging==$PACKAGING_VERSION semver==$SEMVER_VERSION jsonschema==$JSONSCHEMA_VERSION cyclonedx-python-lib==$CYCLONEDX_VERSION spdx-tools==$SPDX_TOOLS_VERSION lib4sbom==$LIB4SBOM_VERSION"

SYSTEM_PYTHON=/usr/bin/python3
VENV_ROOT=${GATEHOUSE_TEST_VENV_DIR:-/var/tmp/gatehouse-test-venv}
VENV=$VENV_ROOT/scan-$(echo "$PINS" | sha256sum | cut -c1-12)
STAMP=$VENV/.gatehouse-venv-ok

log() { printf 'scan-deps: %s\n' "$*" >&2; }
die() {
	printf 'scan-deps: error: %s\n' "$*" >&2
	exit 1
}

exports() { echo "export GATEHOUSE_TEST_SCAN_PYTHON=$VENV/bin/python3"; }

check() {
	"$VENV/bin/python3" - <<'PY' >/dev/null 2>&1
import packaging.version, semver, jsonschema, cyclonedx, spdx_tools, lib4sbom
PY
}

install_venv() {
	log "building $VENV (once)"
	rm -rf "$VENV"
	"$SYSTEM_PYTHON" -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
	# shellcheck disable=SC2086
	"$VENV/bin/pip" install --quiet --disable-pip-version-check $PINS >&2 || die "pip could not install $PINS"
	check || die "the scan venv does not import its packages"
	touch "$STAMP"
}

install_debian() {
	local missing=()
	for pair in debootstrap:debootstrap umoci:umoci go:golang-go; do
		command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair##*:}")
	done
	[ -d /usr/share/gocode/src/golang.org/x/vuln ] || missing+=(golang-golang-x-vuln-dev)
	[ -x "$SYSTEM_PYTHON" ] && "$SYSTEM_PYTHON" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing ${missing[*]}"
		apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
			apt-get update -qq >/dev/null 2>&1
			apt-get install -y -qq "${missing[@]}" >/dev/null || die "apt-get could not install ${missing[*]}"
		}
	fi
}

case "${1:-}" in
install)
	install_debian
	{ [ -f "$STAMP" ] && check; } || install_venv
	exports
	;;
env)
	[ -f "$STAMP" ] || exit 4
	exports
	;;
*)
	echo "usage: $0 install|env" >&2
	exit 2
	;;
esac
