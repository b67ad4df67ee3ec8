#!/usr/bin/env bash
# SCIM 2.0 conformance tools (from PyPI) for the Gatehouse SCIM server tests, in a cached venv:
#   - scim2-cli (the `scim` command; its `scim test` runs scim2-tester)
#   - scim-sanity (the `scim-sanity` command; `scim-sanity probe` runs a CRUD conformance probe)
#
#   scripts/scim-tools.sh install   install (once); prints `export GATEHOUSE_TEST_SCIM_VENV=<venv>` on stdout
#   scripts/scim-tools.sh env       print that line without installing; exit 4 when not installed
#
# stdout carries only the export line (so callers can `eval "$(scripts/scim-tools.sh install)"`);
# progress and errors go to stderr. Then run, for example:
#   "$GATEHOUSE_TEST_SCIM_VENV/bin/scim" --url "$URL" -h "Authorization: Bearer $TOKEN" test
#   "$GATEHOUSE_TEST_SCIM_VENV/bin/scim-sanity" probe "$URL" --token "$TOKEN" --i-accept-side-effects --json-output
# See scripts/SCIM-TOOLS.md for what the tools send and check.
#
# Environment:
#   GATEHOUSE_TEST_VENV_DIR   parent of the cached virtualenvs (default /var/tmp/gatehouse-test-venv);
#                             the tools live in <it>/scim-tools-<scim2-cli version>-<scim-sanity version>
#
# Idempotent and fast when installed (a stat and a tiny python). The venv is built once (python3 -m
# venv + pip from PyPI, dependency versions pinned below), with a stamp file written only after the
# install passed its self-check, and rebuilt when it is found broken or its pins changed.
# Requires python3 with the venv module (Debian: python3-venv): scripts/test-deps.sh installs it.

set -euo pipefail

SCIM2_CLI_VERSION=0.6.0
SCIM_SANITY_VERSION=0.7.4

VENV_ROOT=${GATEHOUSE_TEST_VENV_DIR:-/var/tmp/gatehouse-test-venv}
VENV=$VENV_ROOT/scim-tools-$SCIM2_CLI_VERSION-$SCIM_SANITY_VERSION
VENV_STAMP=$VENV/.gatehouse-venv-ok
INSTALL_LOG=$VENV_ROOT/scim-tools-$SCIM2_CLI_VERSION-$SCIM_SANITY_VERSION.install.log
LOCK_FILE=$VENV_ROOT/.scim-tools-$SCIM2_CLI_VERSION-$SCIM_SANITY_VERSION.lock

log() { printf 'scim-tools: %s\n' "$*" >&2; }
die() {
	printf 'scim-tools: error: %s\n' "$*" >&2
	exit 1
}

usage() {
	echo "usage: $0 install|env" >&2
	exit 2
}

case "$VENV_ROOT" in
*[\"\\\ ]*) die "directory '$VENV_ROOT' must not contain quotes, backslashes or spaces" ;;
/*) ;;
*) die "GATEHOUSE_TEST_VENV_DIR must be an absolute path (got '$VENV_ROOT')" ;;
esac

export_line() {
	printf 'export GATEHOUSE_TEST_SCIM_VENV=%s\n' "$VENV"
}

# Exact dependency versions the venv is built with (a `pip freeze` of a working install), so a new
# machine gets the same tools: scim2-cli 0.6.0 pulls scim2-tester 0.5.2, scim2-client 0.13.2 and
# scim2-models 0.12.3, whose checks and parsing are what SCIM-TOOLS.md describes. A change here
# rebuilds the venv (the stamp includes its hash).
constraints() {
	cat <<'EOF'
annotated-types==0.8.0
anyio==4.16.0
click==8.5.1
colorama==0.4.6
dnspython==2.9.2
docutils==0.23
email-validator==2.4.0
h11==0.16.0
httpcore2==2.16.2
httpx2==2.16.2
idna==3.20
lark==1.3.1
pydanclick==0.5.1
pydantic==2.14.4
pydantic_core==2.50.5
Pygments==2.21.0
scim-sanity==0.7.4
scim2-cli==0.6.0
scim2-client==0.13.2
scim2-models==0.12.3
scim2-tester==0.5.2
sphinx-click-rst-to-ansi-formatter==0.2.0
truststore==0.10.5
typing-inspection==0.4.5
typing_extensions==4.16.0
EOF
}

# The packages whose versions must match exactly (checked on every run, cheaply).
KEY_VERSIONS="scim2-cli=$SCIM2_CLI_VERSION scim-sanity=$SCIM_SANITY_VERSION scim2-tester=0.5.2 scim2-client=0.13.2 scim2-models=0.12.3"

venv_stamp_value() {
	printf 'scim2-cli==%s scim-sanity==%s constraints=%s\n' \
		"$SCIM2_CLI_VERSION" "$SCIM_SANITY_VERSION" "$(constraints | sha256sum | cut -c1-16)"
}

# Cheap check (a stat and a tiny python): used on every run.
venv_looks_ok() {
	[ -x "$VENV/bin/python" ] && [ -x "$VENV/bin/scim" ] && [ -x "$VENV/bin/scim-sanity" ] &&
		[ -f "$VENV_STAMP" ] && [ "$(cat "$VENV_STAMP")" = "$(venv_stamp_value)" ] &&
		"$VENV/bin/python" - "$KEY_VERSIONS" >/dev/null 2>&1 <<'EOF'
import importlib.metadata as m, sys
for kv in sys.argv[1].split():
    name, want = kv.split("=")
    if m.version(name) != want:
        sys.exit(1)
EOF
}

# Full self-check after an install: the modules import and both commands answer.
venv_self_check() {
	"$VENV/bin/python" -c 'import scim2_cli, scim2_tester, scim2_client, scim2_models, scim_sanity.cli, scim_sanity.probe' &&
		"$VENV/bin/scim" --help >/dev/null &&
		"$VENV/bin/scim" test --help >/dev/null &&
		"$VENV/bin/scim-sanity" --version | grep -Fq "$SCIM_SANITY_VERSION" &&
		"$VENV/bin/scim-sanity" probe --help >/dev/null
}

build_venv() {
	local py cons
	py=$(command -v python3) || die "python3 not found (run scripts/test-deps.sh)"
	"$py" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
		die "scim2-cli $SCIM2_CLI_VERSION needs Python >= 3.10 ($py is $("$py" -V 2>&1))"
	"$py" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
		die "python3 cannot create virtualenvs (Debian: apt-get install python3-venv, or run scripts/test-deps.sh)"
	if [ -e "$VENV" ]; then
		log "removing broken or outdated venv $VENV"
		rm -rf "$VENV"
	fi
	log "creating venv $VENV and installing scim2-cli==$SCIM2_CLI_VERSION scim-sanity==$SCIM_SANITY_VERSION from PyPI (log: $INSTALL_LOG)"
	: >"$INSTALL_LOG"
	"$py" -m venv "$VENV" >>"$INSTALL_LOG" 2>&1 || {
		tail -n 20 "$INSTALL_LOG" >&2
		die "python3 -m venv $VENV failed"
	}
	cons=$VENV/gatehouse-constraints.txt
	constraints >"$cons"
	local pip=("$VENV/bin/python" -m pip --disable-pip-version-check --no-input install --progress-bar off)
	local pkgs=("scim2-cli==$SCIM2_CLI_VERSION" "scim-sanity==$SCIM_SANITY_VERSION")
	if ! "${pip[@]}" -c "$cons" "${pkgs[@]}" >>"$INSTALL_LOG" 2>&1; then
		# A pinned version may be unavailable for this Python; keep the SCIM libraries exact (they
		# define the checks) and let the generic dependencies follow the packages' own ranges.
		log "pinned install failed; retrying with only the SCIM packages pinned"
		"${pip[@]}" "${pkgs[@]}" scim2-tester==0.5.2 scim2-client==0.13.2 scim2-models==0.12.3 >>"$INSTALL_LOG" 2>&1 || {
			tail -n 25 "$INSTALL_LOG" >&2
			die "pip install ${pkgs[*]} failed (full log: $INSTALL_LOG)"
		}
	fi
	venv_self_check >>"$INSTALL_LOG" 2>&1 || {
		tail -n 20 "$INSTALL_LOG" >&2
		die "the tools installed but fail their self-check (full log: $INSTALL_LOG)"
	}
	venv_stamp_value >"$VENV_STAMP"
	venv_looks_ok || die "venv $VENV fails its check right after the install (versions differ from the pins? see $INSTALL_LOG)"
	log "installed scim2-cli $SCIM2_CLI_VERSION and scim-sanity $SCIM_SANITY_VERSION in $VENV"
}

cmd_install() {
	mkdir -p "$VENV_ROOT" || die "cannot create $VENV_ROOT"
	if ! venv_looks_ok; then
		# Serialise installs (two test runs at once); re-check after getting the lock.
		(
			exec 8>>"$LOCK_FILE"
			flock -w 600 8 || die "timed out waiting for another install into $VENV"
			venv_looks_ok || build_venv
		)
	fi
	export_line
}

cmd_env() {
	if ! venv_looks_ok; then
		log "not installed (or broken): $VENV (run: $0 install)"
		exit 4
	fi
	export_line
}

[ $# -eq 1 ] || usage
case "$1" in
install) cmd_install ;;
env) cmd_env ;;
*) usage ;;
esac
