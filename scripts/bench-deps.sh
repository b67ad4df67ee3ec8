#!/usr/bin/env bash
# The benchmarks' comparison targets that are not needed by the tests, installed once and cached
# outside the clone:
#   - the LiteLLM proxy (PyPI `litellm[proxy]`, pinned below) in its own venv, the baseline of
#     bench/inference (run as `litellm --config FILE --host 127.0.0.1 --port P --num_workers 1`).
#
#   scripts/bench-deps.sh install   install (once); prints on stdout, as its last line,
#                                   export GATEHOUSE_BENCH_LITELLM=<venv>/bin/litellm
#   scripts/bench-deps.sh env       print that line without installing; exit 4 when not installed
#
# stdout carries only the export line (so callers can `eval "$(scripts/bench-deps.sh install)"`);
# progress and errors go to stderr.
#
# LITELLM_VERSION: 1.81.16, the last patch of the 1.81 line, published before the March 2026 PyPI
# compromise of litellm (the malicious 1.82.7 and 1.82.8, since removed) and far from the
# compromised 1.107.0; it is not yanked. Its dependencies are left to pip (as `litellm[proxy]`
# declares them); the self-check below proves the resolved set works.
#
# Environment:
#   GATEHOUSE_TEST_VENV_DIR   parent of the cached venvs (default /var/tmp/gatehouse-test-venv);
#                             the venv is <it>/litellm-<version>
#
# Idempotent and fast when installed (a stat and one tiny python); the venv is made with Debian's
# /usr/bin/python3 (apt-get install python3-venv) and gets a stamp only after `litellm --version`
# reported the pinned version. A venv without its stamp is rebuilt.
set -euo pipefail

LITELLM_VERSION=1.81.16

SYSTEM_PYTHON=/usr/bin/python3
VENV_ROOT=${GATEHOUSE_TEST_VENV_DIR:-/var/tmp/gatehouse-test-venv}
VENV=$VENV_ROOT/litellm-$LITELLM_VERSION
STAMP=$VENV/.gatehouse-venv-ok

log() { printf 'bench-deps: %s\n' "$*" >&2; }
die() {
	printf 'bench-deps: error: %s\n' "$*" >&2
	exit 1
}

case "$VENV_ROOT" in
*[\"\\\ \$\`\']*) die "GATEHOUSE_TEST_VENV_DIR must not contain quotes, backslashes, dollars or spaces" ;;
/*) ;;
*) die "GATEHOUSE_TEST_VENV_DIR must be an absolute path (got '$VENV_ROOT')" ;;
esac

exports() { echo "export GATEHOUSE_BENCH_LITELLM=$VENV/bin/litellm"; }

# Fast: the installed distribution has the pinned version (no litellm import, which takes seconds).
check_installed() {
	[ -f "$STAMP" ] && [ -x "$VENV/bin/litellm" ] &&
		"$VENV/bin/python3" -c 'import importlib.metadata as m, sys; sys.exit(m.version("litellm") != sys.argv[1])' \
			"$LITELLM_VERSION" 2>/dev/null
}

# Slow (seconds), once after install: the proxy's CLI starts and reports the pinned version; the
# proxy server module imports. The cost map is the bundled one (no network).
self_check() {
	local out
	out=$(LITELLM_LOCAL_MODEL_COST_MAP=True "$VENV/bin/litellm" --version 2>&1) || return 1
	grep -q "Current Version = $LITELLM_VERSION\$" <<<"$out" || return 1
	LITELLM_LOCAL_MODEL_COST_MAP=True "$VENV/bin/python3" -c 'import litellm.proxy.proxy_server' >/dev/null 2>&1
}

install_venv() {
	"$SYSTEM_PYTHON" -c 'import venv, ensurepip' 2>/dev/null ||
		die "$SYSTEM_PYTHON lacks the venv module (apt-get install python3-venv)"
	log "building $VENV (once, about a minute)"
	rm -rf "$VENV"
	mkdir -p "$VENV_ROOT"
	"$SYSTEM_PYTHON" -m venv "$VENV" || die "python3 -m venv failed"
	"$VENV/bin/pip" install --quiet --disable-pip-version-check "litellm[proxy]==$LITELLM_VERSION" \
		>"$VENV.install.log" 2>&1 || {
		tail -n 20 "$VENV.install.log" >&2
		die "pip could not install litellm[proxy]==$LITELLM_VERSION (log: $VENV.install.log)"
	}
	! grep -qi "yanked" "$VENV.install.log" || die "litellm $LITELLM_VERSION is yanked; pick another pin"
	self_check || die "the litellm venv failed its self-check (litellm --version, import litellm.proxy)"
	touch "$STAMP"
	log "litellm $LITELLM_VERSION installed"
}

case "${1:-}" in
install)
	check_installed || install_venv
	exports
	;;
env)
	check_installed || exit 4
	exports
	;;
*)
	echo "usage: $0 install|env" >&2
	exit 2
	;;
esac
