#!/usr/bin/env bash
# Headless Chromium for the Gatehouse web console tests: Debian's chromium and chromium-driver
# packages, and Selenium (from PyPI) in a cached venv, driven by
# Tests/GatehouseServerTests/Console/browser_driver.py. See scripts/BROWSER.md.
#
#   scripts/browser-deps.sh install   install if needed (apt-get, pip) and self-check once per
#                                     version; prints the export lines below on stdout
#   scripts/browser-deps.sh env       print them without installing; exit 4 when not installed
#   scripts/browser-deps.sh check     run the self-check again now, then print them
#
#   export GATEHOUSE_TEST_BROWSER_PYTHON=<venv>/bin/python3        (has selenium)
#   export GATEHOUSE_TEST_BROWSER_DRIVER=<clone>/Tests/GatehouseServerTests/Console/browser_driver.py
#   export GATEHOUSE_TEST_CHROMIUM=/usr/lib/chromium/chromium      (the binary, not the /usr/bin wrapper)
#   export GATEHOUSE_TEST_CHROMEDRIVER=/usr/bin/chromedriver
#
# stdout carries only export lines (so callers can `eval "$(scripts/browser-deps.sh install)"`);
# progress and errors go to stderr. Then, for example:
#   echo '[{"open": "http://127.0.0.1:8080/console"}, {"text": "h1"}]' |
#       "$GATEHOUSE_TEST_BROWSER_PYTHON" "$GATEHOUSE_TEST_BROWSER_DRIVER"
#
# Environment:
#   GATEHOUSE_TEST_VENV_DIR     parent of the cached virtualenvs (default /var/tmp/gatehouse-test-venv);
#                               Selenium lives in <it>/selenium-<version>
#   GATEHOUSE_TEST_ARTIFACTS    where the self-check's (and the tests') screenshots go
#                               (default /tmp/gatehouse-test-artifacts)
#
# Idempotent and fast when installed (dpkg-query, a stamp and a tiny python). The venv is built once
# with Debian's /usr/bin/python3 (dependency versions pinned below) and rebuilt when found broken or
# when the pins change. The self-check (browser_driver.py --self-check: a static page from
# `python -m http.server`, a sign-in redirect across two loopback ports with cookies, a form, a
# 1280x900 and a 390x844 screenshot, a failure report) runs after the venv is built and again
# whenever the chromium or chromium-driver package or browser_driver.py changes; its stamp is
# written only when it passes.
# Needs apt-get (run as root, or with sudo) and /usr/bin/python3 with the venv module (python3-venv).

set -euo pipefail

# 4.52.0 needs certifi>=2026.10.23, which the PyPI mirror here does not have; 4.51.0 is the newest
# that installs.
SELENIUM_VERSION=4.51.0

SYSTEM_PYTHON=/usr/bin/python3
VENV_ROOT=${GATEHOUSE_TEST_VENV_DIR:-/var/tmp/gatehouse-test-venv}
VENV=$VENV_ROOT/selenium-$SELENIUM_VERSION
VENV_STAMP=$VENV/.gatehouse-venv-ok
CHECK_STAMP=$VENV/.gatehouse-browser-checked
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
DRIVER_SCRIPT=$(cd "$SCRIPT_DIR/.." && pwd -P)/Tests/GatehouseServerTests/Console/browser_driver.py
CHROMIUM=/usr/lib/chromium/chromium
CHROMEDRIVER=/usr/bin/chromedriver
DEB_PACKAGES=(chromium chromium-driver)

log() { printf 'browser-deps: %s\n' "$*" >&2; }
die() {
	printf 'browser-deps: error: %s\n' "$*" >&2
	exit 1
}

usage() {
	echo "usage: $0 install|env|check" >&2
	exit 2
}

for d in "$VENV_ROOT" "$DRIVER_SCRIPT"; do
	case "$d" in
	*[\"\\\ \$\`\']*) die "path '$d' must not contain quotes, backslashes, dollars or spaces" ;;
	/*) ;;
	*) die "GATEHOUSE_TEST_VENV_DIR must be an absolute path (got '$d')" ;;
	esac
done

# Exact dependency versions the venv is built with (a `pip freeze` of a working install). A change
# here rebuilds the venv (the stamp includes its hash).
constraints() {
	cat <<'EOF'
attrs==26.1.0
certifi==2026.10.19.post1
h11==0.16.0
idna==3.20
outcome==1.3.0.post0
PySocks==1.7.1
sniffio==1.3.1
sortedcontainers==2.4.0
trio==0.35.0
trio-websocket==0.12.2
typing_extensions==4.16.0
urllib3==2.8.0
websocket-client==1.9.2
wsproto==1.3.2
EOF
}

# --- Debian packages (same helpers as scripts/test-deps.sh) ----------------------------------

# as_root, apt_quiet, has_candidate, install_packages.
# shellcheck source=lib/apt.sh
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/apt.sh"

# Installed version of a Debian package, or nothing.
deb_version() {
	dpkg-query -W -f='${db:Status-Status} ${Version}\n' "$1" 2>/dev/null | sed -n 's/^installed //p'
}

debs_installed() {
	local p
	for p in "${DEB_PACKAGES[@]}"; do
		[ -n "$(deb_version "$p")" ] || return 1
	done
	[ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER" ]
}

install_debs() {
	log "installing ${DEB_PACKAGES[*]} from Debian (about 130 MB to download)"
	install_packages "${DEB_PACKAGES[@]}"
	debs_installed || die "${DEB_PACKAGES[*]} installed but $CHROMIUM or $CHROMEDRIVER is missing"
	log "installed chromium $(deb_version chromium) and chromium-driver $(deb_version chromium-driver)"
}

# chromedriver only drives the Chromium of its own version; Debian builds both from one source.
check_versions_match() {
	local b d
	b=$(deb_version chromium)
	d=$(deb_version chromium-driver)
	[ "$b" = "$d" ] || die "chromium ($b) and chromium-driver ($d) differ; run: apt-get install chromium chromium-driver"
}

# --- the Selenium venv -----------------------------------------------------------------------

venv_stamp_value() {
	printf 'selenium==%s constraints=%s\n' "$SELENIUM_VERSION" "$(constraints | sha256sum | cut -c1-16)"
}

# What the self-check passed with: the browser, the driver and browser_driver.py.
check_stamp_value() {
	printf 'chromium=%s chromium-driver=%s browser_driver.py=%s\n' "$(deb_version chromium)" \
		"$(deb_version chromium-driver)" "$(sha256sum "$DRIVER_SCRIPT" | cut -c1-16)"
}

venv_looks_ok() {
	[ -x "$VENV/bin/python3" ] && [ -f "$VENV_STAMP" ] && [ "$(cat "$VENV_STAMP")" = "$(venv_stamp_value)" ] &&
		"$VENV/bin/python3" -c "import importlib.metadata as m, sys; sys.exit(m.version('selenium') != '$SELENIUM_VERSION')" \
			>/dev/null 2>&1
}

checked() {
	[ -f "$CHECK_STAMP" ] && [ "$(cat "$CHECK_STAMP")" = "$(check_stamp_value)" ]
}

build_venv() {
	local install_log=$VENV_ROOT/selenium-$SELENIUM_VERSION.install.log cons
	[ -x "$SYSTEM_PYTHON" ] || die "$SYSTEM_PYTHON not found (Debian: apt-get install python3 python3-venv, or run scripts/test-deps.sh)"
	"$SYSTEM_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))' ||
		die "Selenium $SELENIUM_VERSION needs Python >= 3.9 ($SYSTEM_PYTHON is $("$SYSTEM_PYTHON" -V 2>&1))"
	"$SYSTEM_PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
		die "$SYSTEM_PYTHON cannot create virtualenvs (Debian: apt-get install python3-venv, or run scripts/test-deps.sh)"
	if [ -e "$VENV" ]; then
		log "removing broken or outdated venv $VENV"
		rm -rf "$VENV"
	fi
	log "creating venv $VENV and installing selenium==$SELENIUM_VERSION from PyPI (log: $install_log)"
	: >"$install_log"
	"$SYSTEM_PYTHON" -m venv "$VENV" >>"$install_log" 2>&1 || {
		tail -n 20 "$install_log" >&2
		die "$SYSTEM_PYTHON -m venv $VENV failed"
	}
	cons=$VENV/gatehouse-constraints.txt
	constraints >"$cons"
	local pip=("$VENV/bin/python3" -m pip --disable-pip-version-check --no-input install --progress-bar off)
	if ! "${pip[@]}" -c "$cons" "selenium==$SELENIUM_VERSION" >>"$install_log" 2>&1; then
		# A pinned version may be unavailable for this Python; Selenium's own ranges still hold.
		log "pinned install failed; retrying with Selenium's own dependency ranges"
		"${pip[@]}" "selenium==$SELENIUM_VERSION" >>"$install_log" 2>&1 || {
			tail -n 25 "$install_log" >&2
			die "pip install selenium==$SELENIUM_VERSION failed (full log: $install_log)"
		}
	fi
	"$VENV/bin/python3" -c 'import selenium.webdriver' >>"$install_log" 2>&1 || {
		tail -n 20 "$install_log" >&2
		die "Selenium installed but does not import (full log: $install_log)"
	}
	venv_stamp_value >"$VENV_STAMP"
	log "installed selenium $SELENIUM_VERSION"
}

self_check() {
	local check_log=$VENV_ROOT/selenium-$SELENIUM_VERSION.check.log
	log "self-check: headless chromium $(deb_version chromium) through $CHROMEDRIVER (log: $check_log)"
	rm -f "$CHECK_STAMP"
	if ! GATEHOUSE_TEST_CHROMIUM=$CHROMIUM GATEHOUSE_TEST_CHROMEDRIVER=$CHROMEDRIVER PYTHONDONTWRITEBYTECODE=1 \
		"$VENV/bin/python3" "$DRIVER_SCRIPT" --self-check >"$check_log" 2>&1; then
		tail -n 40 "$check_log" >&2
		die "the headless browser fails its self-check (full log: $check_log)"
	fi
	sed 's/^/browser-deps: /' "$check_log" >&2
	check_stamp_value >"$CHECK_STAMP"
}

# Serialise installs and checks (two test runs at once); re-check after getting the lock.
ensure() {
	local force_check=${1:-0}
	if venv_looks_ok && checked && [ "$force_check" -eq 0 ]; then
		return 0
	fi
	(
		exec 8>>"$VENV_ROOT/.selenium-$SELENIUM_VERSION.lock"
		flock -w 900 8 || die "timed out waiting for another install into $VENV"
		venv_looks_ok || build_venv
		if [ "$force_check" -eq 1 ] || ! checked; then self_check; fi
	)
}

# --- commands --------------------------------------------------------------------------------

export_lines() {
	printf 'export GATEHOUSE_TEST_BROWSER_PYTHON=%s\n' "$VENV/bin/python3"
	printf 'export GATEHOUSE_TEST_BROWSER_DRIVER=%s\n' "$DRIVER_SCRIPT"
	printf 'export GATEHOUSE_TEST_CHROMIUM=%s\n' "$CHROMIUM"
	printf 'export GATEHOUSE_TEST_CHROMEDRIVER=%s\n' "$CHROMEDRIVER"
}

cmd_install() {
	local force_check=${1:-0}
	[ -f "$DRIVER_SCRIPT" ] || die "$DRIVER_SCRIPT is missing"
	mkdir -p "$VENV_ROOT" || die "cannot create $VENV_ROOT"
	debs_installed || install_debs
	check_versions_match
	ensure "$force_check"
	export_lines
}

cmd_env() {
	local missing=0
	if ! debs_installed; then
		log "not installed: ${DEB_PACKAGES[*]} (run: $0 install)"
		missing=1
	fi
	if ! venv_looks_ok; then
		log "not installed (or broken): $VENV (run: $0 install)"
		missing=1
	fi
	[ -f "$DRIVER_SCRIPT" ] || {
		log "$DRIVER_SCRIPT is missing"
		missing=1
	}
	[ "$missing" -eq 0 ] || exit 4
	checked || log "warning: the self-check has not passed for this chromium and browser_driver.py (run: $0 install)"
	export_lines
}

[ $# -eq 1 ] || usage
case "$1" in
install) cmd_install 0 ;;
check) cmd_install 1 ;;
env) cmd_env ;;
*) usage ;;
esac
