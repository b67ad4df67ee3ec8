#!/usr/bin/env bash
# Throwaway OpenID provider (nanoidp, from PyPI) for the Gatehouse OIDC tests.
#
#   scripts/nanoidp.sh start    install (once) + write config + start; prints the export lines on stdout
#   scripts/nanoidp.sh stop     stop the server
#   scripts/nanoidp.sh status   exit 0 when running, 3 when stopped, 4 when not installed/configured
#   scripts/nanoidp.sh env      print the export lines (does not start anything)
#
# stdout carries only `export NAME=value` lines (so callers can `eval "$(scripts/nanoidp.sh start)"`);
# progress and errors go to stderr. See scripts/NANOIDP.md for the endpoints and the exact HTTP
# steps of a scripted login / device approval.
#
# Environment:
#   GATEHOUSE_TEST_OIDC_DIR    config, keys, log and pid, outside the clone (default /var/tmp/gatehouse-test-oidc)
#   GATEHOUSE_TEST_OIDC_PORT   TCP port on 127.0.0.1 (default 55480)
#   GATEHOUSE_TEST_VENV_DIR    parent of the cached virtualenvs (default /var/tmp/gatehouse-test-venv);
#                              nanoidp lives in <it>/nanoidp-<version>
#
# Idempotent: `start` does nothing but check when the server already runs with the same config. The
# venv is built once (python3 -m venv + pip from PyPI, dependency versions pinned below) and rebuilt
# when it is found broken. The signing key persists in $GATEHOUSE_TEST_OIDC_DIR/keys, so the `kid`
# is stable across restarts; `rm -rf` the directory (after `stop`) to start from scratch.
# Requires python3 with the venv module (Debian: python3-venv) and curl: scripts/test-deps.sh
# installs them.

set -euo pipefail

NANOIDP_VERSION=3.4.0

OIDC_DIR=${GATEHOUSE_TEST_OIDC_DIR:-/var/tmp/gatehouse-test-oidc}
OIDC_PORT=${GATEHOUSE_TEST_OIDC_PORT:-55480}
VENV_ROOT=${GATEHOUSE_TEST_VENV_DIR:-/var/tmp/gatehouse-test-venv}
VENV=$VENV_ROOT/nanoidp-$NANOIDP_VERSION

ISSUER=http://127.0.0.1:$OIDC_PORT
CLIENT_ID=gatehouse
CLIENT_SECRET=gatehouse-secret # throwaway test secret

CONF_DIR=$OIDC_DIR/config
KEYS_DIR=$OIDC_DIR/keys
LOG_FILE=$OIDC_DIR/nanoidp.log
PID_FILE=$OIDC_DIR/nanoidp.pid
RUNNING_FILE=$OIDC_DIR/nanoidp.running # fingerprint of the config the server was started with
ENV_FILE=$OIDC_DIR/env.sh
VENV_STAMP=$VENV/.gatehouse-venv-ok
READY_TIMEOUT=20 # seconds to wait for discovery to answer

log() { printf 'nanoidp: %s\n' "$*" >&2; }
die() {
	printf 'nanoidp: error: %s\n' "$*" >&2
	exit 1
}

export_lines() {
	cat <<EOF
export GATEHOUSE_TEST_OIDC_ISSUER=$ISSUER
export GATEHOUSE_TEST_OIDC_CLIENT_ID=$CLIENT_ID
export GATEHOUSE_TEST_OIDC_CLIENT_SECRET=$CLIENT_SECRET
export GATEHOUSE_TEST_OIDC_ALICE_USERNAME=alice
export GATEHOUSE_TEST_OIDC_ALICE_PASSWORD=alice-password
export GATEHOUSE_TEST_OIDC_ALICE_EMAIL=alice@example.test
export GATEHOUSE_TEST_OIDC_ALICE_GROUPS=developers,auditors
export GATEHOUSE_TEST_OIDC_BOB_USERNAME=bob
export GATEHOUSE_TEST_OIDC_BOB_PASSWORD=bob-password
export GATEHOUSE_TEST_OIDC_BOB_EMAIL=bob@example.test
export GATEHOUSE_TEST_OIDC_BOB_GROUPS=contractors
EOF
}

usage() {
	echo "usage: $0 start|stop|status|env" >&2
	exit 2
}

case "$OIDC_PORT" in
'' | *[!0-9]*) die "GATEHOUSE_TEST_OIDC_PORT must be a number (got '$OIDC_PORT')" ;;
esac
for d in "$OIDC_DIR" "$VENV_ROOT"; do
	case "$d" in
	*[\"\\\ ]*) die "directory '$d' must not contain quotes, backslashes or spaces" ;;
	/*) ;;
	*) die "GATEHOUSE_TEST_OIDC_DIR / GATEHOUSE_TEST_VENV_DIR must be absolute paths (got '$d')" ;;
	esac
done

# --- configuration ---------------------------------------------------------------------------

# Exact dependency versions the venv is built with (a `pip freeze` of a working install), so a new
# machine gets the same server. A change here rebuilds the venv (the stamp includes its hash).
constraints() {
	cat <<'EOF'
annotated-types==0.8.0
anyio==4.16.0
attrs==26.1.0
bcrypt==5.0.0
blinker==1.9.0
certifi==2026.10.19.post1
cffi==2.1.1
click==8.5.1
cryptography==50.0.2
Deprecated==1.3.1
Flask==3.1.3
flask-cors==6.0.5
Flask-Limiter==4.1.1
h11==0.16.0
httpcore2==2.16.2
httpx2==2.16.2
idna==3.20
itsdangerous==2.2.0
Jinja2==3.1.6
jsonschema==4.26.0
jsonschema-specifications==2025.9.1
limits==5.8.0
lxml==6.1.3
MarkupSafe==3.0.4
mcp==2.3.0
mcp-types==2.3.0
opentelemetry-api==1.45.2
ordered-set==4.1.0
packaging==26.4
pycparser==3.12
pydantic==2.14.4
pydantic_core==2.50.5
PyJWT==2.15.1
python-multipart==0.0.34
PyYAML==6.0.4
referencing==0.37.0
rpds-py==2026.9.1
ruamel.yaml==0.19.1
signxml==5.2.0
sse-starlette==3.7.0
starlette==1.10.0
truststore==0.10.5
typing-inspection==0.4.5
typing_extensions==4.16.0
uvicorn==0.54.0
Werkzeug==3.1.9
wrapt==2.5.2
EOF
}

# settings.yaml (schema: `nanoidp config-schema`). Notes:
# - Loopback redirect URIs match on any port (RFC 8252 §7.3; nanoidp has no '*' wildcard), so
#   http://127.0.0.1:<any>/auth/callback is accepted. `localhost` is compared exactly, port included.
# - nanoidp has no per-client grant list: every client may use every grant in discovery.
# - require_pkce: /authorize refuses a request without code_challenge ('plain' is still accepted).
# - refresh_token_rotation: each refresh returns a new refresh token; reusing a spent one fails and
#   revokes the whole family (as real providers do).
# - security_profile dev: stricter-dev would add a 10/minute rate limit on /token.
settings_yaml() {
	cat <<EOF
# Managed by scripts/nanoidp.sh; rewritten on every start.
config_version: 1
config_validation: strict
security_profile: dev
server:
  host: "127.0.0.1"
  port: $OIDC_PORT
oauth:
  issuer: "$ISSUER"
  audience: "gatehouse-test-api"
  token_expiry_minutes: 60
  refresh_token_expiry_minutes: 10080
  refresh_token_rotation: true
  require_pkce: true
  scopes_supported: [openid, profile, email, offline_access, groups]
  clients:
    - client_id: "$CLIENT_ID"
      client_secret: "$CLIENT_SECRET"
      token_endpoint_auth_method: client_secret_basic
      description: "Gatehouse (test relying party)"
      redirect_uris:
        - "http://127.0.0.1/auth/callback"
        - "http://[::1]/auth/callback"
jwt:
  algorithm: RS256
  keys_dir: "$KEYS_DIR"
session:
  secret_key: "gatehouse-test-oidc-session-key-not-a-secret"
device_flow:
  code_expiry_seconds: 600
  polling_interval: 5
logging:
  level: INFO
EOF
}

users_yaml() {
	cat <<'EOF'
# Managed by scripts/nanoidp.sh; rewritten on every start. `sub` is the user name.
config_version: 1
users:
  alice:
    password: "alice-password"
    email: "alice@example.test"
    groups: [developers, auditors]
  bob:
    password: "bob-password"
    email: "bob@example.test"
    groups: [contractors]
EOF
}

# Write a file only when its content changes (keeps mtimes and the fingerprint stable).
write_if_changed() {
	local path=$1 tmp
	tmp=$(mktemp "$path.XXXXXX")
	cat >"$tmp"
	if [ -f "$path" ] && cmp -s "$tmp" "$path"; then
		rm -f "$tmp"
	else
		mv -f "$tmp" "$path"
	fi
}

write_config() {
	mkdir -p "$CONF_DIR" "$KEYS_DIR"
	settings_yaml | write_if_changed "$CONF_DIR/settings.yaml"
	users_yaml | write_if_changed "$CONF_DIR/users.yaml"
}

# What the running server must have been started with for `start` to leave it alone.
fingerprint() {
	{
		echo "nanoidp $NANOIDP_VERSION $VENV"
		cat "$CONF_DIR/settings.yaml" "$CONF_DIR/users.yaml"
	} | sha256sum | cut -d' ' -f1
}

# --- virtualenv ------------------------------------------------------------------------------

venv_stamp_value() {
	printf 'nanoidp==%s constraints=%s\n' "$NANOIDP_VERSION" "$(constraints | sha256sum | cut -c1-16)"
}

# Cheap check (a stat and a tiny python): good enough when the server already runs.
venv_looks_ok() {
	[ -x "$VENV/bin/python" ] && [ -x "$VENV/bin/nanoidp" ] && [ -f "$VENV_STAMP" ] &&
		[ "$(cat "$VENV_STAMP")" = "$(venv_stamp_value)" ] &&
		"$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('nanoidp') != '$NANOIDP_VERSION')" \
			>/dev/null 2>&1
}

# Full check before starting: the server's modules (and their compiled dependencies) import.
venv_works() {
	venv_looks_ok && "$VENV/bin/python" -c 'import nanoidp.app' >/dev/null 2>&1
}

build_venv() {
	local py install_log=$VENV_ROOT/nanoidp-$NANOIDP_VERSION.install.log cons
	py=$(command -v python3) || die "python3 not found (run scripts/test-deps.sh)"
	"$py" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
		die "nanoidp $NANOIDP_VERSION needs Python >= 3.10 ($py is $("$py" -V 2>&1))"
	"$py" -c 'import venv, ensurepip' >/dev/null 2>&1 ||
		die "python3 cannot create virtualenvs (Debian: apt-get install python3-venv, or run scripts/test-deps.sh)"
	if [ -e "$VENV" ]; then
		log "removing broken or outdated venv $VENV"
		rm -rf "$VENV"
	fi
	log "creating venv $VENV and installing nanoidp==$NANOIDP_VERSION from PyPI (log: $install_log)"
	: >"$install_log"
	"$py" -m venv "$VENV" >>"$install_log" 2>&1 || {
		tail -n 20 "$install_log" >&2
		die "python3 -m venv $VENV failed"
	}
	cons=$VENV/gatehouse-constraints.txt
	constraints >"$cons"
	local pip=("$VENV/bin/python" -m pip --disable-pip-version-check --no-input install --progress-bar off)
	if ! "${pip[@]}" -c "$cons" "nanoidp==$NANOIDP_VERSION" >>"$install_log" 2>&1; then
		# A pinned version may be unavailable for this Python; the package's own ranges still hold.
		log "pinned install failed; retrying with nanoidp's own dependency ranges"
		"${pip[@]}" "nanoidp==$NANOIDP_VERSION" >>"$install_log" 2>&1 || {
			tail -n 25 "$install_log" >&2
			die "pip install nanoidp==$NANOIDP_VERSION failed (full log: $install_log)"
		}
	fi
	"$VENV/bin/python" -c 'import nanoidp.app' >>"$install_log" 2>&1 || {
		tail -n 20 "$install_log" >&2
		die "nanoidp installed but does not import (full log: $install_log)"
	}
	venv_stamp_value >"$VENV_STAMP"
	log "installed nanoidp $NANOIDP_VERSION"
}

ensure_venv() {
	local check=$1
	mkdir -p "$VENV_ROOT"
	if "$check"; then
		return 0
	fi
	# Serialise installs (two test runs at once); re-check after getting the lock.
	(
		exec 8>>"$VENV_ROOT/.nanoidp-$NANOIDP_VERSION.lock"
		flock -w 600 8 || die "timed out waiting for another install into $VENV"
		"$check" || build_venv
	)
}

# --- liveness --------------------------------------------------------------------------------

# True when $1 is a live nanoidp process serving our config directory.
is_our_server() {
	local pid=$1 cmd
	case "$pid" in '' | *[!0-9]*) return 1 ;; esac
	[ -r "/proc/$pid/cmdline" ] || return 1
	cmd=$(tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
	case "$cmd" in *nanoidp*) ;; *) return 1 ;; esac
	printf '%s\n' "$cmd" | grep -Fxq -- "$CONF_DIR"
}

# True while process $1 exists and is not a zombie (any program: used while it is still exec'ing).
alive() {
	local state
	state=$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null || true)
	[ -n "$state" ] && [ "$state" != Z ]
}

# PID from the pid file when it is really our server (a reboot may have recycled the number).
server_pid() {
	local pid
	[ -f "$PID_FILE" ] || return 0
	pid=$(head -n 1 "$PID_FILE" 2>/dev/null || true)
	if is_our_server "$pid"; then echo "$pid"; fi
}

# Every process serving our config dir (finds servers whose pid file was lost).
all_server_pids() {
	local p
	for p in /proc/[0-9]*; do
		p=${p#/proc/}
		[ "$p" = "$$" ] && continue
		if is_our_server "$p"; then echo "$p"; fi
	done
}

discovery_issuer() {
	curl -sf --max-time 2 "$ISSUER/.well-known/openid-configuration" 2>/dev/null |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["issuer"])' 2>/dev/null
}

# 0 when nothing listens on the port (curl: connection refused).
port_free() {
	local rc=0
	curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$OIDC_PORT/" 2>/dev/null || rc=$?
	[ "$rc" -eq 7 ]
}

kill_pid() {
	local pid=$1
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 50); do
		[ -d "/proc/$pid" ] && is_our_server "$pid" || return 0
		sleep 0.1
	done
	log "pid $pid did not exit on SIGTERM; sending SIGKILL"
	kill -9 "$pid" 2>/dev/null || true
}

stop_server() {
	local pid
	for pid in $({ server_pid; all_server_pids; } | sort -u); do
		if is_our_server "$pid"; then
			log "stopping nanoidp (pid $pid)"
			kill_pid "$pid"
		fi
	done
	rm -f "$PID_FILE" "$RUNNING_FILE"
}

start_server() {
	local pid fp=$1 issuer=""
	port_free || die "port $OIDC_PORT on 127.0.0.1 is already in use by another program (set GATEHOUSE_TEST_OIDC_PORT)"
	log "starting nanoidp $NANOIDP_VERSION on $ISSUER (log: $LOG_FILE)"
	[ ! -f "$LOG_FILE" ] || mv -f "$LOG_FILE" "$LOG_FILE.1"
	# New session (no controlling terminal, not in the caller's process group); stdio away from
	# the caller's pipes so `$(scripts/nanoidp.sh start)` returns; lock fd 9 not inherited.
	(
		cd "$OIDC_DIR"
		exec setsid "$VENV/bin/nanoidp" --config "$CONF_DIR" --host 127.0.0.1 --port "$OIDC_PORT" --strict-config
	) </dev/null >>"$LOG_FILE" 2>&1 9>&- &
	pid=$!
	echo "$pid" >"$PID_FILE"
	local deadline=$((SECONDS + READY_TIMEOUT))
	while [ "$SECONDS" -lt "$deadline" ]; do
		issuer=$(discovery_issuer || true)
		[ -z "$issuer" ] || break
		if ! alive "$pid"; then
			tail -n 20 "$LOG_FILE" >&2 || true
			rm -f "$PID_FILE"
			die "nanoidp exited during startup (log: $LOG_FILE)"
		fi
		sleep 0.1
	done
	if [ -z "$issuer" ]; then
		tail -n 20 "$LOG_FILE" >&2 || true
		kill_pid "$pid"
		rm -f "$PID_FILE"
		die "nanoidp did not answer discovery within ${READY_TIMEOUT}s (log: $LOG_FILE)"
	fi
	if [ "$issuer" != "$ISSUER" ]; then
		kill_pid "$pid"
		rm -f "$PID_FILE"
		die "discovery reports issuer '$issuer', expected '$ISSUER'"
	fi
	if ! is_our_server "$pid"; then
		# setsid forked after all: record the server itself.
		pid=$(all_server_pids | head -n 1)
		[ -n "$pid" ] || die "nanoidp answers on $ISSUER but its process was not found"
		echo "$pid" >"$PID_FILE"
	fi
	echo "$fp" >"$RUNNING_FILE"
	log "ready: discovery answers with issuer $issuer (pid $pid)"
}

take_lock() {
	exec 9>>"$OIDC_DIR/.lock"
	flock -w 120 9 || die "timed out waiting for another nanoidp.sh on $OIDC_DIR"
}

need_tools() {
	command -v curl >/dev/null 2>&1 || die "curl not found (run scripts/test-deps.sh)"
	command -v python3 >/dev/null 2>&1 || die "python3 not found (run scripts/test-deps.sh)"
}

# --- commands --------------------------------------------------------------------------------

cmd_start() {
	local pid fp
	need_tools
	mkdir -p "$OIDC_DIR" || die "cannot create $OIDC_DIR"
	take_lock
	write_config
	fp=$(fingerprint)
	pid=$(server_pid)
	if [ -n "$pid" ]; then
		if [ "$(cat "$RUNNING_FILE" 2>/dev/null || true)" != "$fp" ]; then
			log "config changed since pid $pid was started; restarting"
			stop_server
			pid=""
		elif [ "$(discovery_issuer || true)" != "$ISSUER" ]; then
			log "pid $pid does not answer discovery on $ISSUER; restarting"
			stop_server
			pid=""
		elif ! venv_looks_ok; then
			log "venv $VENV looks broken; restarting"
			stop_server
			pid=""
		fi
	else
		if [ -f "$PID_FILE" ]; then
			log "removing stale pid file (pid $(head -n 1 "$PID_FILE" 2>/dev/null || echo '?') is not our nanoidp)"
			rm -f "$PID_FILE" "$RUNNING_FILE"
		fi
		# Servers for this directory whose pid file was lost would hold the port.
		if [ -n "$(all_server_pids)" ]; then stop_server; fi
	fi
	if [ -z "$pid" ]; then
		ensure_venv venv_works
		start_server "$fp"
	fi
	export_lines >"$ENV_FILE"
	export_lines
}

cmd_stop() {
	[ -d "$OIDC_DIR" ] || {
		log "nothing in $OIDC_DIR"
		return 0
	}
	take_lock
	if [ -z "$(server_pid)" ] && [ -z "$(all_server_pids)" ]; then
		rm -f "$PID_FILE" "$RUNNING_FILE"
		log "not running"
		return 0
	fi
	stop_server
}

cmd_status() {
	local pid
	if [ ! -f "$VENV_STAMP" ] || [ ! -f "$CONF_DIR/settings.yaml" ]; then
		log "not installed/configured (venv $VENV, config $CONF_DIR)"
		exit 4
	fi
	pid=$(server_pid)
	[ -n "$pid" ] || pid=$(all_server_pids | head -n 1) # pid file lost
	if [ -n "$pid" ] && [ "$(discovery_issuer || true)" = "$ISSUER" ]; then
		log "running (pid $pid, issuer $ISSUER, config $CONF_DIR)"
		exit 0
	fi
	if [ -n "$pid" ]; then
		log "pid $pid is running but discovery on $ISSUER does not answer"
	else
		log "stopped (config $CONF_DIR)"
	fi
	exit 3
}

[ $# -eq 1 ] || usage
case "$1" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) export_lines ;;
*) usage ;;
esac
