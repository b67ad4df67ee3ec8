#!/usr/bin/env bash
# Reference MCP servers (from PyPI) and an MCP client for the Gatehouse MCP gateway tests, each in its
# own cached venv (their `mcp` pins can conflict, and a server's venv holds nothing but that server):
#   - mcp-server-time, mcp-server-fetch, mcp-server-git (the official reference servers, stdio)
#   - the official Python `mcp` SDK (mcp.client.stdio / streamable_http / sse) to run
#     scripts/mcp/mcp_client.py, the test and benchmark driver
#
#   scripts/mcp-servers.sh install                install (once); prints the export lines below on stdout
#   scripts/mcp-servers.sh env                    print them without installing; exit 4 when not installed
#   scripts/mcp-servers.sh install-contextforge   benchmarks only, not part of `install`: IBM ContextForge
#                                                 in its own venv; prints GATEHOUSE_BENCH_CONTEXTFORGE_VENV
#   scripts/mcp-servers.sh env-contextforge       print that line; exit 4 when not installed
#
#   export GATEHOUSE_TEST_MCP_CLIENT=<client venv>/bin/python3
#   export GATEHOUSE_TEST_MCP_CLIENT_SCRIPT=<this directory>/mcp/mcp_client.py
#   export GATEHOUSE_TEST_MCP_TIME_VENV=<venv>     server: <venv>/bin/mcp-server-time
#   export GATEHOUSE_TEST_MCP_FETCH_VENV=<venv>    server: <venv>/bin/mcp-server-fetch
#   export GATEHOUSE_TEST_MCP_GIT_VENV=<venv>      server: <venv>/bin/mcp-server-git [--repository DIR]
#
# stdout carries only export lines (so callers can `eval "$(scripts/mcp-servers.sh install)"`);
# progress and errors go to stderr. Then, for example:
#   "$GATEHOUSE_TEST_MCP_CLIENT" "$GATEHOUSE_TEST_MCP_CLIENT_SCRIPT" --stdio list-tools \
#       -- "$GATEHOUSE_TEST_MCP_TIME_VENV/bin/mcp-server-time"
# See scripts/MCP-SERVERS.md for the driver's actions and output, what each server needs, and the
# measured numbers.
#
# Environment:
#   GATEHOUSE_TEST_VENV_DIR   parent of the cached virtualenvs (default /var/tmp/gatehouse-test-venv);
#                             the venvs are <it>/mcp-client-<mcp version>, <it>/mcp-server-time-<version>,
#                             <it>/mcp-server-fetch-<version>, <it>/mcp-server-git-<version> and
#                             <it>/mcp-contextforge-<version>
#
# The venvs are made with Debian's /usr/bin/python3 (never a pyenv or other python under /root): the
# servers run inside the Gatehouse sandbox, which sees /usr, /bin, /lib*, /etc and the directories it
# binds, so <venv>/bin/python3 must resolve under /usr (checked). The venv directory itself must be
# bound (read-only is enough) for a server to start there.
#
# Idempotent and fast when installed (a stat and a tiny python per venv). Each venv is built once
# (python3 -m venv + pip from PyPI, dependency versions pinned below), with a stamp file written only
# after the install passed its self-check (which starts the servers over stdio with the client SDK and
# lists and calls their tools), and rebuilt when it is found broken or its pins changed.
# Requires Debian's /usr/bin/python3 with the venv module and git (for mcp-server-git's self-check and
# at run time): apt-get install python3-venv git. Note that `python3` on PATH may be another Python
# (pyenv), so check `/usr/bin/python3 -c 'import venv, ensurepip'` rather than `python3 -c ...`.

set -euo pipefail

MCP_SDK_VERSION=2.3.0
MCP_TIME_VERSION=2026.10.19
MCP_FETCH_VERSION=2026.10.24
MCP_GIT_VERSION=2026.10.19
# 1.0.8 and later need Python >= 3.12; Debian 12's python3 is 3.11, so 1.0.7.post20260921 is the newest.
CONTEXTFORGE_VERSION=1.0.7.post20260921

SYSTEM_PYTHON=/usr/bin/python3
VENV_ROOT=${GATEHOUSE_TEST_VENV_DIR:-/var/tmp/gatehouse-test-venv}
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
CLIENT_SCRIPT=$SCRIPT_DIR/mcp/mcp_client.py
STAMP_NAME=.gatehouse-venv-ok
CHECK_TIMEOUT=60 # seconds per MCP request in the self-checks

log() { printf 'mcp-servers: %s\n' "$*" >&2; }
die() {
	printf 'mcp-servers: error: %s\n' "$*" >&2
	exit 1
}

usage() {
	echo "usage: $0 install|env|install-contextforge|env-contextforge" >&2
	exit 2
}

for d in "$VENV_ROOT" "$CLIENT_SCRIPT"; do
	case "$d" in
	*[\"\\\ \$\`\']*) die "path '$d' must not contain quotes, backslashes, dollars or spaces" ;;
	/*) ;;
	*) die "GATEHOUSE_TEST_VENV_DIR must be an absolute path (got '$d')" ;;
	esac
done

# --- the venvs -------------------------------------------------------------------------------
# A KIND is one of: client time fetch git contextforge.

version_of() {
	case "$1" in
	client) echo "$MCP_SDK_VERSION" ;;
	time) echo "$MCP_TIME_VERSION" ;;
	fetch) echo "$MCP_FETCH_VERSION" ;;
	git) echo "$MCP_GIT_VERSION" ;;
	contextforge) echo "$CONTEXTFORGE_VERSION" ;;
	esac
}

package_of() {
	case "$1" in
	client) echo mcp ;;
	time | fetch | git) echo "mcp-server-$1" ;;
	contextforge) echo mcp-contextforge-gateway ;;
	esac
}

name_of() {
	case "$1" in
	client) echo "mcp-client-$MCP_SDK_VERSION" ;;
	contextforge) echo "mcp-contextforge-$CONTEXTFORGE_VERSION" ;;
	*) echo "$(package_of "$1")-$(version_of "$1")" ;;
	esac
}

venv_of() { echo "$VENV_ROOT/$(name_of "$1")"; }

# The program the venv exists for (checked to be there on every run).
main_exe_of() {
	case "$1" in
	client) echo python3 ;;
	time | fetch | git) echo "mcp-server-$1" ;;
	contextforge) echo mcpgateway ;;
	esac
}

# Exact dependency versions each venv is built with (a `pip freeze` of a working install), so a new
# machine gets the same SDK and servers. The three servers all require mcp>=2.3,<3 today and so share
# the SDK pins; ContextForge 1.0.7 pins mcp 1.30.0, hence its own venv. A change here rebuilds that
# venv (its stamp includes the hash).
constraints_sdk() {
	cat <<'EOF'
annotated-types==0.8.0
anyio==4.16.0
attrs==26.1.0
cffi==2.1.1
click==8.5.1
cryptography==50.0.2
h11==0.16.0
httpcore2==2.16.2
httpx2==2.16.2
idna==3.20
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
mcp==2.3.0
mcp-types==2.3.0
opentelemetry-api==1.45.2
pycparser==3.12
pydantic==2.14.4
pydantic_core==2.50.5
PyJWT==2.15.1
python-multipart==0.0.34
referencing==0.37.0
rpds-py==2026.9.1
sse-starlette==3.7.0
starlette==1.10.0
truststore==0.10.5
typing-inspection==0.4.5
typing_extensions==4.16.0
uvicorn==0.54.0
EOF
}

constraints() {
	case "$1" in
	client) constraints_sdk ;;
	time)
		constraints_sdk
		cat <<'EOF'
mcp-server-time==2026.10.19
tzdata==2026.6
tzlocal==5.4.5
EOF
		;;
	fetch)
		constraints_sdk
		cat <<'EOF'
beautifulsoup4==4.15.0
certifi==2026.10.19.post1
charset-normalizer==3.5.3
html5lib==1.1
httpcore==1.0.9
httpx==0.28.1
lxml==6.1.3
markdownify==1.2.3
mcp-server-fetch==2026.10.24
Protego==0.7.0
readabilipy==0.3.0
regex==2026.11.19
requests==2.34.2
six==1.17.0
socksio==1.0.0
soupsieve==2.10
urllib3==2.8.0
webencodings==0.6.1
EOF
		;;
	git)
		constraints_sdk
		cat <<'EOF'
gitdb==4.0.12
GitPython==3.2.1
mcp-server-git==2026.10.19
smmap==5.0.3
EOF
		;;
	contextforge)
		cat <<'EOF'
alembic==1.20.1
annotated-doc==0.0.7
annotated-types==0.8.0
anyio==4.16.0
argon2-cffi==25.1.0
argon2-cffi-bindings==26.2.0
async-timeout==5.0.1
attrs==26.1.0
base58==2.1.1
blessed==1.52.0
brotli==1.2.1
certifi==2026.10.19.post1
cffi==2.1.1
charset-normalizer==3.5.3
click==8.5.1
cpex==0.1.3
cryptography==50.0.2
dnspython==2.9.2
editor==2.0.1
email-validator==2.4.0
fastapi==0.165.0
filelock==3.32.7
gunicorn==27.0.1
h11==0.16.0
h2==4.4.1
hpack==4.2.0
httpcore==1.0.9
httptools==0.9.0
httpx==0.28.1
httpx-sse==0.4.3
hyperframe==6.1.0
idna==3.20
inquirer==3.4.1
Jinja2==3.1.6
jinxed==2.1.0
jq==1.13.0
jsonpath-ng==1.16.0
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
Mako==1.4.3
markdown-it-py==4.3.0
MarkupSafe==3.0.4
mcp==1.30.0
mcp-contextforge-gateway==1.0.7.post20260921
mdurl==0.1.2
msgpack==1.2.4
oauthlib==4.0.1
opentelemetry-api==1.45.2
orjson==3.13.0
packaging==26.4
parse==1.22.4
prometheus-fastapi-instrumentator==8.1.0
prometheus_client==0.26.0
psutil==7.2.2
pycparser==3.12
pydantic==2.14.4
pydantic-settings==2.16.3
pydantic_core==2.50.5
PyGithub==2.10.0
Pygments==2.21.0
PyJWT==2.15.1
PyNaCl==1.6.2
python-dotenv==1.2.4
python-json-logger==4.2.0
python-multipart==0.0.34
PyYAML==6.0.4
readchar==4.2.2
redis==8.1.0
referencing==0.37.0
requests==2.34.2
requests-oauthlib==2.0.0
rich==15.0.0
rpds-py==2026.9.1
runs==1.3.0
shellingham==1.5.4
SQLAlchemy==2.1.9
sse-starlette==3.7.0
starlette==1.10.0
starlette-compress==2.0.0
typer==0.29.2
typing-inspection==0.4.5
typing_extensions==4.16.0
urllib3==2.8.0
uvicorn==0.54.0
uvloop==0.23.0
watchfiles==1.3.0
wcwidth==0.9.4
websockets==17.4
xmod==1.10.0
zstandard==0.25.0
EOF
		;;
	esac
}

# The packages whose versions must match exactly (checked on every run, cheaply).
key_versions() {
	case "$1" in
	client) echo "mcp=$MCP_SDK_VERSION mcp-types=$MCP_SDK_VERSION" ;;
	time | fetch | git) echo "$(package_of "$1")=$(version_of "$1") mcp=$MCP_SDK_VERSION mcp-types=$MCP_SDK_VERSION" ;;
	contextforge) echo "mcp-contextforge-gateway=$CONTEXTFORGE_VERSION mcp=1.30.0" ;;
	esac
}

# mcp-server-fetch extracts pages with readabilipy(use_readability=True). When a `node` is on PATH
# (/usr/bin/node on these machines, and the sandbox sees /usr), readabilipy runs `npm install` inside
# the venv's site-packages on the first fetch, with npm's stdout inherited: on a stdio MCP server that
# writes npm's output into the JSON-RPC stream, and without registry access the call hangs until the
# client times out (seen: 30 s, then `tools/call timed out`). This module, loaded by a .pth file in
# the fetch venv only, makes readabilipy report "no node", so it always uses its pure-Python
# extractor (which it also falls back to when node is absent), whatever the server's PATH.
FETCH_PATCH_MODULE=_gatehouse_readabilipy_no_node
FETCH_PATCH_PTH=gatehouse-readabilipy-no-node.pth
fetch_patch_module() {
	cat <<'EOF'
"""Installed by Gatehouse's scripts/mcp-servers.sh into the mcp-server-fetch venv (loaded by a .pth file).

readabilipy runs `node` when one is on PATH and then `npm install` inside site-packages with stdout
inherited, which corrupts an MCP stdio stream and hangs without registry access. Make it believe node
is absent (its documented fallback), so it always uses its pure-Python extractor.
"""

import importlib.abc
import importlib.machinery
import sys

_TARGET = "readabilipy.simple_json"


class _NoNodeFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != _TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        exec_module = spec.loader.exec_module

        def patched(module):
            exec_module(module)
            module.have_node = lambda: False

        spec.loader.exec_module = patched
        return spec


if not any(isinstance(f, _NoNodeFinder) for f in sys.meta_path):
    sys.meta_path.insert(0, _NoNodeFinder())
EOF
}

patch_hash() {
	case "$1" in
	fetch) { fetch_patch_module; echo "$FETCH_PATCH_PTH"; } | sha256sum | cut -c1-16 ;;
	*) echo none ;;
	esac
}

venv_stamp_value() {
	printf '%s==%s python=%s constraints=%s patch=%s\n' "$(package_of "$1")" "$(version_of "$1")" \
		"$SYSTEM_PYTHON" "$(constraints "$1" | sha256sum | cut -c1-16)" "$(patch_hash "$1")"
}

site_packages() {
	"$1/bin/python3" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'
}

# Cheap check (stats and a tiny python): used on every run.
venv_looks_ok() {
	local kind=$1 venv real
	venv=$(venv_of "$kind")
	[ -x "$venv/bin/python3" ] && [ -x "$venv/bin/$(main_exe_of "$kind")" ] &&
		[ -f "$venv/$STAMP_NAME" ] && [ "$(cat "$venv/$STAMP_NAME")" = "$(venv_stamp_value "$kind")" ] || return 1
	real=$(readlink -f "$venv/bin/python3") || return 1
	case "$real" in /usr/*) ;; *) return 1 ;; esac
	"$venv/bin/python3" - "$(key_versions "$kind")" "$kind" "$FETCH_PATCH_PTH" >/dev/null 2>&1 <<'EOF'
import importlib.metadata as m, os, sys, sysconfig
for kv in sys.argv[1].split():
    name, want = kv.split("=")
    if m.version(name) != want:
        sys.exit(1)
if sys.argv[2] == "fetch" and not os.path.isfile(os.path.join(sysconfig.get_paths()["purelib"], sys.argv[3])):
    sys.exit(1)
EOF
}

# --- self-checks (run after an install, before the stamp is written) -------------------------

CLIENT_PY=$(venv_of client)/bin/python3

# Run the client driver with the self-check timeout; its JSON goes to stdout, the servers' stderr to
# the install log.
client() {
	"$CLIENT_PY" "$CLIENT_SCRIPT" --timeout "$CHECK_TIMEOUT" "$@"
}

# expect PYEXPR: the JSON on stdin, as `d`, must make PYEXPR true.
expect() {
	local json
	json=$(cat)
	printf '%s\n' "$json"
	printf '%s' "$json" | "$CLIENT_PY" -c '
import json, sys
d = json.load(sys.stdin)
sys.exit(0 if eval(sys.argv[1], {"d": d}) else 1)' "$1" || {
		echo "self-check: expected $1" >&2
		return 1
	}
}

tool_names='[t["name"] for t in d["tools"]]'

self_check() {
	local kind=$1 venv real
	venv=$(venv_of "$kind")
	real=$(readlink -f "$venv/bin/python3")
	case "$real" in
	/usr/*) echo "self-check: $venv/bin/python3 -> $real" ;;
	*)
		echo "self-check: $venv/bin/python3 resolves to $real, not under /usr" >&2
		return 1
		;;
	esac
	case "$kind" in
	client)
		"$venv/bin/python3" -c 'import mcp, mcp.client.stdio, mcp.client.streamable_http, mcp.client.sse, httpx2, anyio' &&
			"$venv/bin/python3" "$CLIENT_SCRIPT" --help >/dev/null
		;;
	time)
		client --stdio list-tools -- "$venv/bin/mcp-server-time" |
			expect "{'get_current_time', 'convert_time'} <= set($tool_names)" &&
			client --stdio call get_current_time '{"timezone":"UTC"}' -- "$venv/bin/mcp-server-time" |
			expect 'd["result"]["structuredContent"]["timezone"] == "UTC" and not d["result"].get("isError")'
		;;
	fetch)
		client --stdio list-tools -- "$venv/bin/mcp-server-fetch" | expect "'fetch' in $tool_names" &&
			client --stdio list-prompts -- "$venv/bin/mcp-server-fetch" |
			expect "'fetch' in [p['name'] for p in d['prompts']]" &&
			env -i PATH=/usr/bin:/bin "$venv/bin/python3" -c \
				'import readabilipy.simple_json as s, sys; sys.exit(s.have_node() is not False)'
		;;
	git)
		local repo rc=0
		command -v git >/dev/null 2>&1 || {
			echo "self-check: git not found (mcp-server-git needs it on PATH; Debian: apt-get install git)" >&2
			return 1
		}
		repo=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-mcp-git-check.XXXXXX")
		{
			git -C "$repo" init -q &&
				echo check >"$repo/README" &&
				git -C "$repo" add README &&
				git -C "$repo" -c user.name=gatehouse -c user.email=gatehouse@example.test commit -qm check &&
				client --stdio list-tools -- "$venv/bin/mcp-server-git" --repository "$repo" |
				expect "{'git_status', 'git_log', 'git_diff'} <= set($tool_names)" &&
				client --stdio call git_status "{\"repo_path\":\"$repo\"}" -- "$venv/bin/mcp-server-git" --repository "$repo" |
				expect '"working tree clean" in d["result"]["content"][0]["text"] and not d["result"].get("isError")'
		} || rc=$?
		rm -rf "$repo"
		return "$rc"
		;;
	contextforge) contextforge_self_check "$venv" ;;
	esac
}

# ContextForge: start the gateway (SQLite in a temp dir, auth on, loopback, a free port), wait for
# /health, then check that GET /version is refused without a token and served with one made by
# mcpgateway.utils.create_jwt_token. The settings are the ones MCP-SERVERS.md documents.
contextforge_self_check() {
	local venv=$1 dir port pid rc=0
	dir=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-contextforge-check.XXXXXX")
	port=$("$venv/bin/python3" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	contextforge_env "$dir" >"$dir/env"
	(
		cd "$dir"
		# shellcheck disable=SC2046 # one K=V word per line, no spaces in the values
		exec setsid env -i $(cat "$dir/env") "$venv/bin/mcpgateway" --host 127.0.0.1 --port "$port"
	) </dev/null >"$dir/gateway.log" 2>&1 9>&- 8>&- &
	pid=$!
	# shellcheck disable=SC2046
	env -i $(cat "$dir/env") "$venv/bin/python3" - "$port" "$pid" <<'EOF' || rc=$?
import json, os, subprocess, sys, time, urllib.error, urllib.request
port, pid = sys.argv[1], int(sys.argv[2])
base = f"http://127.0.0.1:{port}"
deadline = time.monotonic() + 120
while True:
    try:
        with urllib.request.urlopen(base + "/health", timeout=2) as r:
            if r.status == 200:
                break
    except (urllib.error.URLError, OSError):
        pass
    if time.monotonic() > deadline:
        sys.exit("self-check: the gateway did not answer /health within 120 s")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("self-check: the gateway exited during startup")
    time.sleep(0.5)
print("self-check: /health answers")
try:
    urllib.request.urlopen(base + "/version", timeout=10)
    sys.exit("self-check: /version answered without a token (auth is off?)")
except urllib.error.HTTPError as e:
    if e.code != 401:
        sys.exit(f"self-check: /version without a token answered {e.code}, expected 401")
token = subprocess.run(
    [sys.executable, "-m", "mcpgateway.utils.create_jwt_token", "--username", os.environ["PLATFORM_ADMIN_EMAIL"],
     "--exp", "10", "--secret", os.environ["JWT_SECRET_KEY"]],
    check=True, capture_output=True, text=True,
).stdout.strip().splitlines()[-1]
req = urllib.request.Request(base + "/version", headers={"Authorization": f"Bearer {token}"})
with urllib.request.urlopen(req, timeout=10) as r:
    v = json.load(r)
print("self-check: /version with a token:", json.dumps(v.get("app")))
EOF
	kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do
		[ -d "/proc/$pid" ] || break
		sleep 0.1
	done
	kill -9 -- "-$pid" 2>/dev/null || true
	[ "$rc" -eq 0 ] || tail -n 30 "$dir/gateway.log"
	rm -rf "$dir"
	return "$rc"
}

# The environment the gateway is started with (one K=V a line; random secrets each time).
contextforge_env() {
	local dir=$1
	"$SYSTEM_PYTHON" - "$dir" <<'EOF'
import secrets, sys
d = sys.argv[1]
for k, v in [
    ("PATH", "/usr/bin:/bin"),
    ("HOME", d),
    ("JWT_SECRET_KEY", secrets.token_urlsafe(48)),
    ("AUTH_ENCRYPTION_SECRET", secrets.token_urlsafe(48)),
    ("DATABASE_URL", f"sqlite:///{d}/mcp.db"),
    ("PLATFORM_ADMIN_EMAIL", "admin@example.test"),
    ("PLATFORM_ADMIN_PASSWORD", "Gatehouse-Bench-" + secrets.token_urlsafe(12)),
    ("MCPGATEWAY_UI_ENABLED", "false"),
    ("MCPGATEWAY_ADMIN_API_ENABLED", "true"),
    ("CACHE_TYPE", "memory"),
    ("RATE_LIMITING_ENABLED", "false"),
    ("SSRF_ALLOW_LOCALHOST", "true"),
]:
    print(f"{k}={v}")
EOF
}

# --- building --------------------------------------------------------------------------------

build_venv() {
	local kind=$1 venv name install_log cons pkg
	venv=$(venv_of "$kind")
	name=$(name_of "$kind")
	install_log=$VENV_ROOT/$name.install.log
	pkg="$(package_of "$kind")==$(version_of "$kind")"
	[ -x "$SYSTEM_PYTHON" ] || die "$SYSTEM_PYTHON not found (Debian: apt-get install python3 python3-venv, or run scripts/test-deps.sh)"
	case "$(readlink -f "$SYSTEM_PYTHON")" in
	/usr/*) ;;
	*) die "$SYSTEM_PYTHON resolves to $(readlink -f "$SYSTEM_PYTHON"), not under /usr" ;;
	esac
	"$SYSTEM_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
		die "the MCP venvs need Python >= 3.11 ($SYSTEM_PYTHON is $("$SYSTEM_PYTHON" -V 2>&1))"
	"$SYSTEM_PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
		die "$SYSTEM_PYTHON cannot create virtualenvs (Debian: apt-get install python3-venv, or run scripts/test-deps.sh)"
	[ -f "$CLIENT_SCRIPT" ] || die "$CLIENT_SCRIPT is missing"
	if [ -e "$venv" ]; then
		log "removing broken or outdated venv $venv"
		rm -rf "$venv"
	fi
	log "creating venv $venv and installing $pkg from PyPI (log: $install_log)"
	: >"$install_log"
	"$SYSTEM_PYTHON" -m venv "$venv" >>"$install_log" 2>&1 || {
		tail -n 20 "$install_log" >&2
		die "$SYSTEM_PYTHON -m venv $venv failed"
	}
	cons=$venv/gatehouse-constraints.txt
	constraints "$kind" >"$cons"
	local pip=("$venv/bin/python3" -m pip --disable-pip-version-check --no-input install --progress-bar off)
	if ! "${pip[@]}" -c "$cons" "$pkg" >>"$install_log" 2>&1; then
		# A pinned version may be unavailable for this Python; keep the package and the SDK exact
		# and let the generic dependencies follow the packages' own ranges.
		log "pinned install failed; retrying with only $pkg and its MCP SDK pinned"
		local keep=()
		case "$kind" in
		client | time | fetch | git) keep=("mcp==$MCP_SDK_VERSION" "mcp-types==$MCP_SDK_VERSION") ;;
		contextforge) keep=("mcp==1.30.0") ;;
		esac
		"${pip[@]}" "$pkg" "${keep[@]}" >>"$install_log" 2>&1 || {
			tail -n 25 "$install_log" >&2
			die "pip install $pkg failed (full log: $install_log)"
		}
	fi
	if [ "$kind" = fetch ]; then
		local sp
		sp=$(site_packages "$venv")
		fetch_patch_module >"$sp/$FETCH_PATCH_MODULE.py"
		echo "import $FETCH_PATCH_MODULE" >"$sp/$FETCH_PATCH_PTH"
	fi
	self_check "$kind" >>"$install_log" 2>&1 || {
		tail -n 20 "$install_log" >&2
		die "$pkg installed but fails its self-check (full log: $install_log)"
	}
	venv_stamp_value "$kind" >"$venv/$STAMP_NAME"
	venv_looks_ok "$kind" || die "venv $venv fails its check right after the install (versions differ from the pins? see $install_log)"
	log "installed $pkg in $venv"
}

ensure_venv() {
	local kind=$1
	if ! venv_looks_ok "$kind"; then
		# Serialise installs (two test runs at once); re-check after getting the lock.
		(
			exec 8>>"$VENV_ROOT/.$(name_of "$kind").lock"
			flock -w 900 8 || die "timed out waiting for another install into $(venv_of "$kind")"
			venv_looks_ok "$kind" || build_venv "$kind"
		)
	fi
}

# --- commands --------------------------------------------------------------------------------

SERVER_KINDS="time fetch git"

export_lines() {
	printf 'export GATEHOUSE_TEST_MCP_CLIENT=%s\n' "$CLIENT_PY"
	printf 'export GATEHOUSE_TEST_MCP_CLIENT_SCRIPT=%s\n' "$CLIENT_SCRIPT"
	printf 'export GATEHOUSE_TEST_MCP_TIME_VENV=%s\n' "$(venv_of time)"
	printf 'export GATEHOUSE_TEST_MCP_FETCH_VENV=%s\n' "$(venv_of fetch)"
	printf 'export GATEHOUSE_TEST_MCP_GIT_VENV=%s\n' "$(venv_of git)"
}

cmd_install() {
	local kind
	mkdir -p "$VENV_ROOT" || die "cannot create $VENV_ROOT"
	[ -f "$CLIENT_SCRIPT" ] || die "$CLIENT_SCRIPT is missing"
	# The client first: the servers' self-checks use it.
	for kind in client $SERVER_KINDS; do
		ensure_venv "$kind"
	done
	export_lines
}

cmd_env() {
	local kind missing=0
	for kind in client $SERVER_KINDS; do
		if ! venv_looks_ok "$kind"; then
			log "not installed (or broken): $(venv_of "$kind") (run: $0 install)"
			missing=1
		fi
	done
	[ -f "$CLIENT_SCRIPT" ] || {
		log "$CLIENT_SCRIPT is missing"
		missing=1
	}
	[ "$missing" -eq 0 ] || exit 4
	export_lines
}

cmd_install_contextforge() {
	mkdir -p "$VENV_ROOT" || die "cannot create $VENV_ROOT"
	ensure_venv contextforge
	printf 'export GATEHOUSE_BENCH_CONTEXTFORGE_VENV=%s\n' "$(venv_of contextforge)"
}

cmd_env_contextforge() {
	if ! venv_looks_ok contextforge; then
		log "not installed (or broken): $(venv_of contextforge) (run: $0 install-contextforge)"
		exit 4
	fi
	printf 'export GATEHOUSE_BENCH_CONTEXTFORGE_VENV=%s\n' "$(venv_of contextforge)"
}

# ContextForge (IBM mcp-contextforge-gateway 1.0.7.post20260921), as verified by hand on this machine;
# MCP-SERVERS.md has the same recipe with the numbers:
# - Start: `cd $DIR && env -i PATH=/usr/bin:/bin HOME=$DIR JWT_SECRET_KEY=<random>
#   AUTH_ENCRYPTION_SECRET=<random> DATABASE_URL=sqlite:///$DIR/mcp.db PLATFORM_ADMIN_EMAIL=admin@example.test
#   PLATFORM_ADMIN_PASSWORD=<random> MCPGATEWAY_UI_ENABLED=false MCPGATEWAY_ADMIN_API_ENABLED=true
#   CACHE_TYPE=memory RATE_LIMITING_ENABLED=false SSRF_ALLOW_LOCALHOST=true
#   $GATEHOUSE_BENCH_CONTEXTFORGE_VENV/bin/mcpgateway --host 127.0.0.1 --port $PORT` (ready in ~5-10 s:
#   GET /health). Both secrets are mandatory (it refuses to start, and even `mcpgateway.translate --help`
#   refuses to run, with the __REPLACE_ME__ placeholders). Auth is on by default (AUTH_REQUIRED=true);
#   the default rate limiter answers 429 after ~100 MCP requests a minute and then locks the user out
#   for 15 minutes, hence RATE_LIMITING_ENABLED=false for benchmarks; SSRF_ALLOW_LOCALHOST=true lets it
#   register upstreams on 127.0.0.1.
# - Token: `$VENV/bin/python3 -m mcpgateway.utils.create_jwt_token --username admin@example.test --exp 60
#   --secret $JWT_SECRET_KEY` (last line of stdout), sent as `Authorization: Bearer`.
# - ContextForge cannot spawn stdio servers itself (its STDIO transport is "not supported for
#   gateways"); expose one with its bridge: `env -i PATH=/usr/bin:/bin JWT_SECRET_KEY=... AUTH_ENCRYPTION_SECRET=...
#   $VENV/bin/python3 -m mcpgateway.translate --stdio "$GATEHOUSE_TEST_MCP_TIME_VENV/bin/mcp-server-time"
#   --expose-streamable-http --expose-sse --host 127.0.0.1 --port $TPORT` (endpoints /mcp and /sse;
#   the --stdio string is split like a shell command line).
# - Register it: POST /gateways {"name":"time","url":"http://127.0.0.1:$TPORT/mcp","transport":"STREAMABLEHTTP"};
#   GET /tools lists its tools as "<gateway slug>-<tool-name-with-dashes>" (time-get-current-time) with an
#   id each; POST /servers {"server":{"name":"time_server","associated_tools":[<tool ids>]}} makes a
#   virtual server whose MCP endpoint is /servers/<server id>/mcp (streamable HTTP; /servers/<id>/sse for
#   SSE). /mcp alone serves every tool.

[ $# -eq 1 ] || usage
case "$1" in
install) cmd_install ;;
env) cmd_env ;;
install-contextforge) cmd_install_contextforge ;;
env-contextforge) cmd_env_contextforge ;;
*) usage ;;
esac
