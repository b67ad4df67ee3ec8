#!/usr/bin/env bash
# The MCP gateway against a direct connection and against IBM ContextForge, in the same run (issue 6):
# `tools/call` of mcp-server-time's get_current_time {"timezone":"UTC"}, p50/p95 latency and calls/s
# with 1 and 8 concurrent clients (scripts/mcp/mcp_client.py bench), along four paths:
#   direct        client --stdio--> mcp-server-time (one server process per client session)
#   gatehouse     client --HTTP--> Gatehouse /mcp --stdio, in its sandbox--> mcp-server-time (pool of <= 4)
#   bridge        client --HTTP--> mcpgateway.translate /mcp --stdio--> mcp-server-time (one, shared):
#                 ContextForge's bare stdio-to-streamable-HTTP bridge, no gateway logic (the HTTP baseline)
#   contextforge  client --HTTP--> ContextForge /servers/<id>/mcp --HTTP--> that same bridge
# For each concurrency the four paths run one after another (interleaved), so all see the same machine.
#
#   bench/mcp/run.sh [--calls 500] [--warmup 50] [--skip-contextforge] [--gatehouse PATH]
#
# The venvs come from scripts/mcp-servers.sh (install, install-contextforge); the Gatehouse release
# binary and gatehouse-sandbox-init are built when absent. Gatehouse sandboxes the server with
# bubblewrap (root or user namespaces).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command_line=bench/mcp/run.sh
[ $# -eq 0 ] || command_line+=$(printf ' %q' "$@")
gatehouse=$here/.build-release/release/gatehouse
calls=500
warmup=50
contextforge=1
while [ $# -gt 0 ]; do
	case "$1" in
	--calls) calls=$2; shift 2 ;;
	--warmup) warmup=$2; shift 2 ;;
	--skip-contextforge) contextforge=0; shift ;;
	--gatehouse) gatehouse=$2; shift 2 ;;
	*) echo "usage: $0 [--calls N] [--warmup W] [--skip-contextforge] [--gatehouse PATH]" >&2; exit 2 ;;
	esac
done
started=$(date +%s.%N)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# The sandbox Gatehouse runs the server in needs gatehouse-sandbox-init next to the binary.
if [ ! -x "$gatehouse" ] || { [ -z "${GATEHOUSE_SANDBOX_INIT:-}" ] && [ ! -x "$(dirname "$gatehouse")/gatehouse-sandbox-init" ]; }; then
	[ "$gatehouse" = "$here/.build-release/release/gatehouse" ] ||
		{ echo "$gatehouse, or gatehouse-sandbox-init next to it, is missing" >&2; exit 2; }
	echo "building $gatehouse and gatehouse-sandbox-init" >&2
	for product in gatehouse gatehouse-sandbox-init; do
		(cd "$here" && swift build -c release --scratch-path .build-release --product "$product" >&2)
	done
fi
eval "$("$here/scripts/mcp-servers.sh" install)"
if [ "$contextforge" = 1 ]; then
	eval "$("$here/scripts/mcp-servers.sh" install-contextforge)"
	cf_venv=$GATEHOUSE_BENCH_CONTEXTFORGE_VENV
fi
py=$GATEHOUSE_TEST_MCP_CLIENT
client=("$py" "$GATEHOUSE_TEST_MCP_CLIENT_SCRIPT")
time_venv=$GATEHOUSE_TEST_MCP_TIME_VENV
server=("$time_venv/bin/mcp-server-time" --local-timezone UTC)
tool_args='{"timezone":"UTC"}'

work=$(mktemp -d)
pids=()  # what was started, each the leader of a process group of its own
names=() # and what it is (logs in $work/NAME.log)
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill -TERM -- "-$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		for _ in $(seq 1 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL -- "-$pid" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

free_port() { "$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
calc() { awk "BEGIN { print $* }"; }
secret() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
wait_http() { # URL PID LOG SECONDS
	local deadline=$(($(date +%s) + $4))
	until curl -fsS -o /dev/null "$1" 2>/dev/null; do
		if ! kill -0 "$2" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
			echo "not ready: $1" >&2
			tail -n 30 "$3" >&2
			exit 1
		fi
		sleep 0.1
	done
}

# Gatehouse: release build, fresh data directory, mcp-server-time from a catalog of its own.
token="gth_bench-$(secret)"
export GATEHOUSE_BENCH_TOKEN=$token # the client reads it from the environment, not its command line
gh_port=$(free_port)
mkdir -p "$work/gatehouse"
cat >"$work/gatehouse/catalog.yaml" <<CATALOG
registry:
  time:
    type: command
    command: [$time_venv/bin/mcp-server-time, --local-timezone, UTC]
    paths: [$time_venv]
CATALOG
cat >"$work/gatehouse/gatehouse.yaml" <<CONFIG
version: 1
store: {url: "sqlite:gatehouse.db"}
bootstrap: {admin_token: env:GATEHOUSE_ADMIN_TOKEN, admin_groups: [admins]}
mcp:
  catalogs: [$work/gatehouse/catalog.yaml]
  pool: {max_sessions: 4}
groups:
  admins:
    rules: [{id: admins-all, effect: allow, actions: ["*"]}]
CONFIG
(exec setsid env GATEHOUSE_ADMIN_TOKEN="$token" "$gatehouse" serve --config "$work/gatehouse/gatehouse.yaml" \
	--data-dir "$work/gatehouse/data" --host 127.0.0.1 --port "$gh_port") </dev/null >"$work/gatehouse.log" 2>&1 &
pids+=($!) names+=(gatehouse)
wait_http "http://127.0.0.1:$gh_port/readyz" "${pids[-1]}" "$work/gatehouse.log" 60

# ContextForge's stdio bridge in front of one mcp-server-time, and the ContextForge gateway in front
# of that bridge: the recipe of scripts/MCP-SERVERS.md §5 (SQLite in the work directory, auth on,
# rate limiting off, loopback upstreams allowed).
if [ "$contextforge" = 1 ]; then
	cf_dir=$work/contextforge
	mkdir -p "$cf_dir"
	jwt_secret=$(secret)
	cf_env=(PATH=/usr/bin:/bin HOME="$cf_dir" JWT_SECRET_KEY="$jwt_secret" AUTH_ENCRYPTION_SECRET="$(secret)"
		DATABASE_URL="sqlite:///$cf_dir/mcp.db" PLATFORM_ADMIN_EMAIL=admin@example.test
		PLATFORM_ADMIN_PASSWORD="Gatehouse-Bench-$(secret)" MCPGATEWAY_UI_ENABLED=false
		MCPGATEWAY_ADMIN_API_ENABLED=true CACHE_TYPE=memory RATE_LIMITING_ENABLED=false SSRF_ALLOW_LOCALHOST=true)
	bridge_port=$(free_port)
	(cd "$cf_dir" && exec setsid env -i "${cf_env[@]}" "$cf_venv/bin/python3" -m mcpgateway.translate \
		--stdio "${server[*]}" --expose-streamable-http --logLevel warning --host 127.0.0.1 --port "$bridge_port") \
		</dev/null >"$work/bridge.log" 2>&1 &
	pids+=($!) names+=(bridge)
	bridge_pid=$!
	cf_port=$(free_port)
	(cd "$cf_dir" && exec setsid env -i "${cf_env[@]}" "$cf_venv/bin/mcpgateway" --host 127.0.0.1 --port "$cf_port") \
		</dev/null >"$work/contextforge.log" 2>&1 &
	pids+=($!) names+=(contextforge)
	wait_http "http://127.0.0.1:$bridge_port/healthz" "$bridge_pid" "$work/bridge.log" 60
	wait_http "http://127.0.0.1:$cf_port/health" "${pids[-1]}" "$work/contextforge.log" 120
	cf_token=$(env -i "${cf_env[@]}" "$cf_venv/bin/python3" -m mcpgateway.utils.create_jwt_token \
		--username admin@example.test --exp 600 --secret "$jwt_secret" 2>>"$work/contextforge.log" | tail -n 1)
	export GATEHOUSE_BENCH_CF_TOKEN=$cf_token
	# Register the bridge as a gateway, then a virtual server holding its get_current_time.
	cf_server=$("$py" - "http://127.0.0.1:$cf_port" "$cf_token" "http://127.0.0.1:$bridge_port/mcp" <<'EOF'
import json, sys, time, urllib.request
base, token, upstream = sys.argv[1:4]
def api(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)
api("POST", "/gateways", {"name": "time", "url": upstream, "transport": "STREAMABLEHTTP"})
deadline = time.monotonic() + 60
while True:
    tools = api("GET", "/tools")
    tools = tools if isinstance(tools, list) else tools.get("items") or tools.get("tools") or []
    ids = [t["id"] for t in tools if t.get("name") == "time-get-current-time"]
    if ids:
        break
    if time.monotonic() > deadline:
        sys.exit(f"ContextForge lists no time-get-current-time: {[t.get('name') for t in tools]}")
    time.sleep(0.5)
print(api("POST", "/servers", {"server": {"name": "time_server", "associated_tools": ids}})["id"])
EOF
	)
fi

# One bench: PATH_NAME CONCURRENCY CLIENT_ARGS... -- TOOL [-- STDIO SERVER...]; appends a row to
# $work/rows: path|concurrency|p50|p95|calls/s|ok|failures|session failures|exit code|errors.
bench() {
	local name=$1 conc=$2 out rc=0
	shift 2
	local transport=() tool stdio=()
	while [ "$1" != -- ]; do transport+=("$1"); shift; done
	shift
	tool=$1
	shift
	[ $# -eq 0 ] || { shift; stdio=(-- "$@"); }
	out=$("${client[@]}" "${transport[@]}" bench --concurrency "$conc" --calls "$calls" --warmup "$warmup" \
		"$tool" "$tool_args" "${stdio[@]}" 2>>"$work/client.log") || rc=$?
	printf '%s\n' "$out" >>"$work/raw.jsonl"
	printf '%s' "$out" | jq -r --arg name "$name" --arg conc "$conc" --arg rc "$rc" \
		'[$name, $conc, .p50_ms, .p95_ms, .calls_per_second, (.ok // 0), (.failures // 0), (.session_failures // 0),
		  $rc, ((.error_counts // {}) | to_entries | map("\(.key) ×\(.value)") | join("; "))]
		 | map(if . == null then "" else tostring end) | join("|")' >>"$work/rows" 2>/dev/null ||
		printf '%s|%s||||0|%s|0|%s|no result: %s\n' "$name" "$conc" "$calls" "$rc" "${out:0:200}" >>"$work/rows"
}

: >"$work/rows"
for conc in 1 8; do
	bench direct "$conc" --stdio --server-stderr "$work/direct-server.log" -- get_current_time -- "${server[@]}"
	bench gatehouse "$conc" --http "http://127.0.0.1:$gh_port/mcp" --token-env GATEHOUSE_BENCH_TOKEN \
		-- time__get_current_time
	if [ "$contextforge" = 1 ]; then
		bench bridge "$conc" --http "http://127.0.0.1:$bridge_port/mcp" -- get_current_time
		bench contextforge "$conc" --http "http://127.0.0.1:$cf_port/servers/$cf_server/mcp" --token-env GATEHOUSE_BENCH_CF_TOKEN \
			-- time-get-current-time
	fi
done

# The same paths at c=1 with bench/mcp/lean_client.py, which speaks JSON-RPC itself on both
# transports (the SDK's HTTP client costs far more than its stdio client); rows "lean-PATH".
lean() { # PATH_NAME TRANSPORT TARGET... (env tokens via LEAN_TOKEN_ENV)
	local name=$1 out rc=0
	shift
	out=$("$py" "$here/bench/mcp/lean_client.py" --calls "$calls" --warmup "$warmup" ${LEAN_TOKEN_ENV:+--token-env "$LEAN_TOKEN_ENV"} \
		"$@" 2>>"$work/client.log") || rc=$?
	printf '%s' "$out" | jq -r --arg name "lean-$name" --arg rc "$rc" \
		'[$name, "1", .p50_ms, .p95_ms, .calls_per_second, (.ok // 0), (.failures // 0), 0,
		  $rc, ((.error_counts // {}) | to_entries | map("\(.key) ×\(.value)") | join("; "))]
		 | map(if . == null then "" else tostring end) | join("|")' >>"$work/rows" 2>/dev/null ||
		printf '%s|1||||0|%s|0|%s|no result: %s\n' "lean-$name" "$calls" "$rc" "${out:0:200}" >>"$work/rows"
}
lean direct get_current_time "$tool_args" stdio -- "${server[@]}"
LEAN_TOKEN_ENV=GATEHOUSE_BENCH_TOKEN lean gatehouse time__get_current_time "$tool_args" http "http://127.0.0.1:$gh_port/mcp"
if [ "$contextforge" = 1 ]; then
	lean bridge get_current_time "$tool_args" http "http://127.0.0.1:$bridge_port/mcp"
	LEAN_TOKEN_ENV=GATEHOUSE_BENCH_CF_TOKEN lean contextforge time-get-current-time "$tool_args" http \
		"http://127.0.0.1:$cf_port/servers/$cf_server/mcp"
fi

field() { # PATH CONCURRENCY COLUMN (1-based)
	awk -F'|' -v p="$1" -v c="$2" -v k="$3" '$1 == p && $2 == c { print $k }' "$work/rows"
}
verdict() { if awk "BEGIN { exit !($1) }"; then echo "goal met"; else echo "goal missed"; fi; }
fmt() { [ -n "$1" ] && printf "%.${2}f" "$1" || printf 'n/a'; }

elapsed=$(calc "$(date +%s.%N) - $started")
printf 'command: %s\n' "$command_line"
printf 'tool: get_current_time %s; %s timed calls after %s warm-up calls per cell; Gatehouse pool max_sessions 4\n' \
	"$tool_args" "$calls" "$warmup"
printf 'load average (1/5/15 min): %s at the start, %s at the end; %s cores; wall time %.0f s\n\n' \
	"$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "$elapsed"
printf '| path | concurrency | p50 ms | p95 ms | calls/s |\n|---|---:|---:|---:|---:|\n'
while IFS='|' read -r name conc p50 p95 cps _; do
	printf '| %s | %s | %s | %s | %s |\n' "$name" "$conc" "$(fmt "$p50" 2)" "$(fmt "$p95" 2)" "$(fmt "$cps" 0)"
done <"$work/rows"
echo
failed=0
while IFS='|' read -r name conc _ _ _ ok failures sessions rc errors; do
	if [ "$failures" != 0 ] || [ "$sessions" != 0 ] || [ "$rc" != 0 ]; then
		failed=1
		printf 'FAILURES: %s c=%s: %s of %s calls ok, %s failed, %s sessions failed, exit %s: %s\n' \
			"$name" "$conc" "$ok" "$calls" "$failures" "$sessions" "$rc" "$errors"
	fi
done <"$work/rows"
[ "$failed" = 1 ] || printf 'every call succeeded on every path\n'
for i in "${!pids[@]}"; do
	# A crashed Swift binary may still be alive, in its backtracer.
	if ! kill -0 "${pids[$i]}" 2>/dev/null || grep -q 'Program crashed' "$work/${names[$i]}.log"; then
		failed=1
		printf '%s CRASHED or exited during the run; the end of its log:\n' "${names[$i]}"
		{ grep -m 1 'Program crashed' "$work/${names[$i]}.log" && grep -m 1 -A 12 ' crashed:$' "$work/${names[$i]}.log"; } ||
			tail -n 15 "$work/${names[$i]}.log"
	fi
done

# The goal lines; a path without a result (all its calls failed) counts as a missed goal.
added() { # GATEHOUSE_P50 BASELINE_P50 WHAT
	if [ -n "$1" ] && [ -n "$2" ]; then
		local added
		added=$(calc "$1 - $2")
		printf 'Gatehouse adds %.2f ms at p50 over %s (c=1)   goal: <= 1 ms, %s\n' "$added" "$3" "$(verdict "$added <= 1")"
	else
		printf 'Gatehouse adds n/a ms at p50 over %s (c=1): no result   goal: <= 1 ms, goal missed\n' "$3"
	fi
}
g50=$(field gatehouse 1 3)
added "$g50" "$(field direct 1 3)" "direct stdio (SDK client)"
added "$(field lean-gatehouse 1 3)" "$(field lean-direct 1 3)" "direct stdio (lean client)"
if [ "$contextforge" = 1 ]; then
	added "$g50" "$(field bridge 1 3)" "the bare HTTP bridge (SDK client)"
	added "$(field lean-gatehouse 1 3)" "$(field lean-bridge 1 3)" "the bare HTTP bridge (lean client)"
	g_cps=$(field gatehouse 8 5)
	c_cps=$(field contextforge 8 5)
	if [ -n "$g_cps" ] && [ -n "$c_cps" ]; then
		ratio=$(calc "$g_cps / $c_cps")
		printf 'Gatehouse calls/s / ContextForge calls/s at c=8: %.1f×   goal: >= 20×, %s\n' "$ratio" "$(verdict "$ratio >= 20")"
	else
		printf 'Gatehouse calls/s / ContextForge calls/s at c=8: n/a (no result)   goal: >= 20×, goal missed\n'
	fi
fi
exit "$failed"
