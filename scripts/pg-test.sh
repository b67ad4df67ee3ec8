#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the Gatehouse test suite.
#
#   scripts/pg-test.sh start    init (once) + start + ensure role/db; prints the export line on stdout
#   scripts/pg-test.sh stop     stop the cluster (fast shutdown)
#   scripts/pg-test.sh status   exit 0 when running, 3 when stopped, 4 when not initialised
#   scripts/pg-test.sh env      print the export line (does not start anything)
#
# stdout carries only the export line (so callers can `eval "$(scripts/pg-test.sh start)"`);
# progress and errors go to stderr.
#
# Environment:
#   GATEHOUSE_TEST_PG_DIR   cluster directory, outside the clone (default /var/tmp/gatehouse-test-pg)
#   GATEHOUSE_TEST_PG_PORT  TCP port on 127.0.0.1 (default 55432)
#
# The cluster listens on 127.0.0.1 only, trusts role `gatehouse` over TCP and `postgres` over the
# Unix socket (which lives in $GATEHOUSE_TEST_PG_DIR/socket). It is disposable: `rm -rf` the
# directory (after `stop`) to start from scratch. Uses Debian's /usr/lib/postgresql/<ver>/bin,
# never whatever pg_ctl happens to be on PATH. As root, the server runs as the `postgres` user.

set -euo pipefail

PG_DIR=${GATEHOUSE_TEST_PG_DIR:-/var/tmp/gatehouse-test-pg}
PG_PORT=${GATEHOUSE_TEST_PG_PORT:-55432}
PG_USER=gatehouse
PG_DB=gatehouse_test

DATA_DIR=$PG_DIR/data
SOCK_DIR=$PG_DIR/socket
LOG_FILE=$PG_DIR/postgres.log
MARKER=$PG_DIR/.gatehouse-test-pg
ENV_FILE=$PG_DIR/env.sh

log() { printf 'pg-test: %s\n' "$*" >&2; }
die() {
	printf 'pg-test: error: %s\n' "$*" >&2
	exit 1
}

export_line() {
	printf 'export GATEHOUSE_TEST_POSTGRES_URL=postgres://%s@127.0.0.1:%s/%s\n' "$PG_USER" "$PG_PORT" "$PG_DB"
}

usage() {
	echo "usage: $0 start|stop|status|env" >&2
	exit 2
}

case "$PG_PORT" in
'' | *[!0-9]*) die "GATEHOUSE_TEST_PG_PORT must be a number (got '$PG_PORT')" ;;
esac
case "$PG_DIR" in
/*) ;;
*) die "GATEHOUSE_TEST_PG_DIR must be an absolute path (got '$PG_DIR')" ;;
esac

# --- who runs the server ---------------------------------------------------------------------

if [ "$(id -u)" -eq 0 ]; then
	RUN_AS=postgres
	id -u "$RUN_AS" >/dev/null 2>&1 ||
		die "system user 'postgres' does not exist (install PostgreSQL first: scripts/test-deps.sh)"
else
	RUN_AS=$(id -un)
fi

# Run a command as the cluster owner, from a directory it can read (initdb/pg_ctl dislike an
# unreadable cwd such as /root). fd 9 (our flock) is closed so the postmaster does not inherit
# and hold the lock forever.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u "$RUN_AS" -- "$@") 9>&-
	else
		(cd / && "$@") 9>&-
	fi
}

# --- which PostgreSQL ------------------------------------------------------------------------

newest_bindir() {
	local v best=""
	for v in $(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V); do
		if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] && [ -x "/usr/lib/postgresql/$v/bin/initdb" ] &&
			[ -x "/usr/lib/postgresql/$v/bin/postgres" ] && [ -x "/usr/lib/postgresql/$v/bin/psql" ]; then
			best=/usr/lib/postgresql/$v/bin
		fi
	done
	[ -n "$best" ] || die "no PostgreSQL server found in /usr/lib/postgresql/<ver>/bin (run scripts/test-deps.sh)"
	echo "$best"
}

# Bindir matching an existing cluster, or the newest installed one.
pick_bindir() {
	if [ -f "$DATA_DIR/PG_VERSION" ]; then
		local v
		v=$(cat "$DATA_DIR/PG_VERSION")
		if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] && [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then
			echo "/usr/lib/postgresql/$v/bin"
			return
		fi
	fi
	newest_bindir
}

# --- liveness --------------------------------------------------------------------------------

# PID of the postmaster serving $DATA_DIR, or empty. Does not trust postmaster.pid blindly: after
# a reboot the recorded PID may belong to an unrelated process, so also require that process's
# cwd to be the data directory (a postmaster chdir()s there).
postmaster_pid() {
	local pid data_real
	[ -f "$DATA_DIR/postmaster.pid" ] || return 0
	pid=$(head -n 1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
	case "$pid" in '' | *[!0-9]*) return 0 ;; esac
	[ -d "/proc/$pid" ] || return 0
	data_real=$(readlink -f "$DATA_DIR")
	if [ "$(readlink "/proc/$pid/cwd" 2>/dev/null || true)" = "$data_real" ]; then
		echo "$pid"
	fi
}

# Port the running postmaster listens on (line 4 of postmaster.pid).
running_port() {
	sed -n 4p "$DATA_DIR/postmaster.pid" 2>/dev/null || true
}

# Remove lock files left by a postmaster that no longer exists (crash, kill -9, reboot).
# Postgres would otherwise refuse to start if the recorded PID now belongs to someone else.
clear_stale_locks() {
	local pid data_real p
	if [ -f "$DATA_DIR/postmaster.pid" ]; then
		pid=$(head -n 1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
		log "removing stale postmaster.pid (pid ${pid:-?} is not running this cluster)"
		# Orphaned backends of a killed postmaster would keep the old shared memory attached and
		# make the new postmaster refuse to start; end exactly those (cwd == our data dir).
		data_real=$(readlink -f "$DATA_DIR")
		for p in /proc/[0-9]*; do
			if [ "$(cat "$p/comm" 2>/dev/null || true)" = postgres ] &&
				[ "$(readlink "$p/cwd" 2>/dev/null || true)" = "$data_real" ]; then
				log "killing orphaned backend ${p#/proc/}"
				kill -9 "${p#/proc/}" 2>/dev/null || true
			fi
		done
		rm -f "$DATA_DIR/postmaster.pid"
	fi
	# Same for the socket lock files (only called when our postmaster is not running).
	rm -f "$SOCK_DIR"/.s.PGSQL.*
}

# --- setup -----------------------------------------------------------------------------------

prepare_dir() {
	if [ ! -d "$PG_DIR" ]; then
		mkdir -p "$PG_DIR" || die "cannot create $PG_DIR"
	fi
	if [ "$(stat -c %U "$PG_DIR")" != "$RUN_AS" ]; then
		[ "$(id -u)" -eq 0 ] || die "$PG_DIR is not owned by $RUN_AS"
		chown -R "$RUN_AS": "$PG_DIR"
	fi
	chmod 0755 "$PG_DIR"
	as_owner test -w "$PG_DIR" ||
		die "$RUN_AS cannot write $PG_DIR (is a parent directory private?); set GATEHOUSE_TEST_PG_DIR elsewhere"
	as_owner mkdir -p "$SOCK_DIR"
	chmod 0700 "$SOCK_DIR"
}

write_config() {
	# Our settings live in an included file so they can be rewritten on every start (e.g. port).
	cat >"$DATA_DIR/gatehouse.conf" <<EOF
# Managed by scripts/pg-test.sh; rewritten on every start.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$SOCK_DIR'
max_connections = 200
shared_buffers = 16MB
ssl = off
fsync = on
synchronous_commit = off
log_line_prefix = '%m [%p] %q%u@%d '
EOF
	cat >"$DATA_DIR/pg_hba.conf" <<EOF
# Managed by scripts/pg-test.sh. Throwaway test cluster: no passwords.
# TYPE  DATABASE  USER       ADDRESS        METHOD
local   all       $RUN_AS    trust
host    all       $PG_USER   127.0.0.1/32   trust
EOF
	if [ "$(id -u)" -eq 0 ]; then
		chown "$RUN_AS": "$DATA_DIR/gatehouse.conf" "$DATA_DIR/pg_hba.conf"
	fi
}

init_cluster() {
	local bindir=$1 tmp=$PG_DIR/data.initdb
	if [ -d "$DATA_DIR" ] && [ ! -f "$DATA_DIR/PG_VERSION" ]; then
		log "removing incomplete data directory $DATA_DIR"
		rm -rf "$DATA_DIR"
	fi
	if [ -f "$DATA_DIR/PG_VERSION" ] && [ "$(cat "$DATA_DIR/PG_VERSION")/bin" != "${bindir#/usr/lib/postgresql/}" ]; then
		log "cluster was made by PostgreSQL $(cat "$DATA_DIR/PG_VERSION"), which is no longer installed; re-creating it"
		rm -rf "$DATA_DIR"
	fi
	[ -d "$DATA_DIR" ] && return 0

	log "initialising test cluster in $DATA_DIR ($("$bindir/postgres" --version))"
	rm -rf "$tmp"
	# initdb into a temp dir and rename, so an interrupted initdb never leaves a half cluster.
	if ! as_owner "$bindir/initdb" -D "$tmp" -U "$RUN_AS" --auth=trust --no-locale -E UTF8 \
		>"$PG_DIR/initdb.log" 2>&1; then
		tail -n 20 "$PG_DIR/initdb.log" >&2 || true
		die "initdb failed (full log: $PG_DIR/initdb.log)"
	fi
	printf "\ninclude_if_exists = 'gatehouse.conf'\n" >>"$tmp/postgresql.conf"
	mv "$tmp" "$DATA_DIR"
	: >"$MARKER"
}

ensure_role_and_db() {
	local bindir=$1 out
	if ! out=$(as_owner "$bindir/psql" -X -v ON_ERROR_STOP=1 -h "$SOCK_DIR" -p "$PG_PORT" \
		-U "$RUN_AS" -d postgres 2>&1 <<EOF
SELECT 'CREATE ROLE $PG_USER LOGIN CREATEDB'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER')\gexec
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$PG_DB')\gexec
EOF
	); then
		printf '%s\n' "$out" >&2
		die "could not create role '$PG_USER' / database '$PG_DB'"
	fi
	# Without -q psql echoes "CREATE ROLE" / "CREATE DATABASE" for what it actually created.
	[ -z "$out" ] || log "created: $(printf '%s' "$out" | tr '\n' ' ')"
}

start_server() {
	local bindir=$1
	clear_stale_locks
	write_config
	log "starting PostgreSQL on 127.0.0.1:$PG_PORT (log: $LOG_FILE)"
	if ! as_owner "$bindir/pg_ctl" -D "$DATA_DIR" -l "$LOG_FILE" -w -t 60 -s start >/dev/null 2>&1; then
		tail -n 20 "$LOG_FILE" >&2 2>/dev/null || true
		die "PostgreSQL failed to start (log: $LOG_FILE; is port $PG_PORT taken? set GATEHOUSE_TEST_PG_PORT)"
	fi
}

stop_server() {
	local bindir=$1
	log "stopping PostgreSQL (pid $(postmaster_pid))"
	as_owner "$bindir/pg_ctl" -D "$DATA_DIR" -m fast -w -t 60 -s stop >/dev/null ||
		die "pg_ctl stop failed (log: $LOG_FILE)"
}

# Serialise concurrent start/stop (two test runs at once).
take_lock() {
	exec 9>>"$PG_DIR/.lock"
	flock -w 120 9 || die "timed out waiting for another pg-test.sh on $PG_DIR"
}

# --- commands --------------------------------------------------------------------------------

cmd_start() {
	local bindir pid
	prepare_dir
	take_lock
	bindir=$(pick_bindir)
	init_cluster "$bindir"
	pid=$(postmaster_pid)
	if [ -n "$pid" ] && [ "$(running_port)" != "$PG_PORT" ]; then
		log "running on port $(running_port), want $PG_PORT; restarting"
		stop_server "$bindir"
		pid=""
	fi
	if [ -z "$pid" ]; then
		start_server "$bindir"
	fi
	ensure_role_and_db "$bindir"
	export_line >"$ENV_FILE"
	if [ "$(id -u)" -eq 0 ]; then
		# Keep everything in the directory owned by the cluster owner.
		chown "$RUN_AS": "$PG_DIR/.lock" "$ENV_FILE" "$MARKER" 2>/dev/null || true
		[ ! -e "$PG_DIR/initdb.log" ] || chown "$RUN_AS": "$PG_DIR/initdb.log"
	fi
	export_line
}

cmd_stop() {
	[ -d "$DATA_DIR" ] || {
		log "no cluster in $DATA_DIR"
		return 0
	}
	take_lock
	if [ -n "$(postmaster_pid)" ]; then
		stop_server "$(pick_bindir)"
	else
		clear_stale_locks
		log "not running"
	fi
}

cmd_status() {
	local pid
	if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
		log "not initialised ($DATA_DIR)"
		exit 4
	fi
	pid=$(postmaster_pid)
	if [ -n "$pid" ]; then
		log "running (pid $pid, 127.0.0.1:$(running_port), data $DATA_DIR)"
		exit 0
	fi
	log "stopped (data $DATA_DIR)"
	exit 3
}

[ $# -eq 1 ] || usage
case "$1" in
start) cmd_start ;;
stop) cmd_stop ;;
status) cmd_status ;;
env) export_line ;;
*) usage ;;
esac
