#!/usr/bin/env bash
# The inference layer's benchmark: Gatehouse's OpenAI-compatible `POST /v1/chat/completions` against
# calling the engine directly and against the LiteLLM proxy, in the same run.
#   latency   a fake engine (gatehouse-bench-inference fake-upstream, fixed answers) behind each path:
#               direct     client --> fake upstream
#               gatehouse  client --> Gatehouse (model bench -> upstream fake) --> fake upstream
#               litellm    client --> LiteLLM proxy (openai/bench, one worker) --> fake upstream
#             closed-loop load with 1, 8 and 32 concurrent clients, interleaved per concurrency:
#             p50/p90/p99, req/s, added p50 over direct, req/s ratio Gatehouse/LiteLLM.
#   tokens    when GATEHOUSE_TEST_LLAMA_PYTHON and GATEHOUSE_TEST_SMOLLM2_GGUF are set (from
#             scripts/inference-deps.sh install-engine): llama-cpp-python's server with SmolLM2, streamed
#             completions direct vs through Gatehouse (model smollm2 -> upstream engine), alternating.
#
#   bench/inference/run.sh [--duration 10] [--warmup 2] [--concurrency 1,8,32] [--completions 16]
#                          [--max-tokens 128] [--gatehouse PATH] [--skip-gatehouse] [--skip-litellm] [--sanity]
#
# --sanity starts no Gatehouse: the "gatehouse" target is the fake upstream (and the engine) itself,
# which checks the harness: its added latency should be about 0 and its tokens/s ratio about 1.
#
# The Markdown report goes to stdout; progress and the servers' logs (on failure) to stderr.
# LiteLLM comes from scripts/bench-deps.sh install; the Gatehouse and bench release binaries are built
# into .build-release when absent.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench=$here/.build-release/release/gatehouse-bench-inference
gatehouse=$here/.build-release/release/gatehouse
duration=10 warmup=2 concurrency=1,8,32 completions=16 max_tokens=128 use_gatehouse=1 use_litellm=1 sanity=0
usage() {
	echo "usage: $0 [--duration S] [--warmup S] [--concurrency 1,8,32] [--completions K] [--max-tokens N]" \
		"[--gatehouse PATH] [--skip-gatehouse] [--skip-litellm] [--sanity]" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case "$1" in
	--duration) duration=$2; shift 2 ;;
	--warmup) warmup=$2; shift 2 ;;
	--concurrency) concurrency=$2; shift 2 ;;
	--completions) completions=$2; shift 2 ;;
	--max-tokens) max_tokens=$2; shift 2 ;;
	--gatehouse) gatehouse=$2; shift 2 ;;
	--skip-gatehouse) use_gatehouse=0; shift ;;
	--skip-litellm) use_litellm=0; shift ;;
	--sanity) sanity=1; shift ;;
	*) usage ;;
	esac
done
log() { printf 'bench/inference: %s\n' "$*" >&2; }

build() { # PRODUCT
	log "building $1 (release)"
	(cd "$here" && swift build -c release --scratch-path .build-release --product "$1" >&2)
}
[ -x "$bench" ] || build gatehouse-bench-inference
if [ "$use_gatehouse" = 1 ] && [ "$sanity" = 0 ] && [ ! -x "$gatehouse" ]; then
	[ "$gatehouse" = "$here/.build-release/release/gatehouse" ] || { log "$gatehouse is missing"; exit 2; }
	build gatehouse
fi
litellm_args=()
if [ "$use_litellm" = 1 ]; then
	eval "$("$here/scripts/bench-deps.sh" install)"
	litellm_args=(--litellm "$GATEHOUSE_BENCH_LITELLM")
fi

work=$(mktemp -d)
pids=() # what was started, each the leader of a process group of its own (logs in $work/NAME.log)
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
	local pid
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
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
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
start() { # NAME COMMAND...: in a process group of its own, output to $work/NAME.log
	local name=$1
	shift
	(exec setsid "$@") </dev/null >"$work/$name.log" 2>&1 &
	pids+=($!)
}
wait_http() { # URL LOG SECONDS
	local deadline=$(($(date +%s) + $3))
	until curl -fsS -o /dev/null "$1" 2>/dev/null; do
		if ! kill -0 "${pids[-1]}" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
			log "not ready: $1"
			tail -n 30 "$2" >&2
			exit 1
		fi
		sleep 0.2
	done
}

# The fake upstream first: Gatehouse's config names its URL.
start fake "$bench" fake-upstream
for _ in $(seq 1 100); do
	fake_url=$(sed -n 's/^FAKE_UPSTREAM_URL=//p' "$work/fake.log")
	[ -n "$fake_url" ] && break
	sleep 0.1
done
[ -n "$fake_url" ] || { log "the fake upstream did not start"; cat "$work/fake.log" >&2; exit 1; }
wait_http "$fake_url/models" "$work/fake.log" 10
log "fake upstream at $fake_url"

# The real engine (tokens mode), on a port of its own, before Gatehouse (its config names it too).
engine=0
if [ -n "${GATEHOUSE_TEST_LLAMA_PYTHON:-}" ] && [ -n "${GATEHOUSE_TEST_SMOLLM2_GGUF:-}" ]; then
	engine=1
	engine_port=$(free_port)
	engine_url=http://127.0.0.1:$engine_port/v1
	start engine "$GATEHOUSE_TEST_LLAMA_PYTHON" -m llama_cpp.server --model "$GATEHOUSE_TEST_SMOLLM2_GGUF" \
		--model_alias smollm2 --host 127.0.0.1 --port "$engine_port" --n_threads 1
	wait_http "$engine_url/models" "$work/engine.log" 120
	log "engine at $engine_url"
else
	log "GATEHOUSE_TEST_LLAMA_PYTHON / GATEHOUSE_TEST_SMOLLM2_GGUF unset: no tokens/s measurement" \
		"(eval \"\$(scripts/inference-deps.sh install-engine)\")"
fi

# Gatehouse: a fresh data directory, the fake upstream (and the engine) as remote upstreams.
gatehouse_args=()
if [ "$use_gatehouse" = 1 ] && [ "$sanity" = 1 ]; then
	gatehouse_args=(--gatehouse-url "$fake_url" --gatehouse-model bench)
	gh_url=${engine_url:-} token=
	log "sanity run: the \"gatehouse\" target is the fake upstream (and the engine) itself"
elif [ "$use_gatehouse" = 1 ]; then
	token="gth_bench-$(secret)"
	gh_port=$(free_port)
	mkdir -p "$work/gatehouse/data"
	{
		echo "version: 1"
		echo "server: {host: 127.0.0.1, port: $gh_port, data_dir: $work/gatehouse/data}"
		echo "logging: {level: warning}"
		echo "bootstrap: {admin_token: env:GATEHOUSE_ADMIN_TOKEN}"
		echo "inference:"
		echo "  upstreams:"
		echo "    - {name: fake, base_url: \"$fake_url\", api_key: env:BENCH_FAKE_KEY}"
		[ "$engine" = 0 ] || echo "    - {name: engine, base_url: \"$engine_url\"}"
		echo "  models:"
		echo "    - {name: bench, candidates: [{upstream: fake, model: bench}]}"
		[ "$engine" = 0 ] || echo "    - {name: smollm2, candidates: [{upstream: engine, model: smollm2}]}"
		echo "groups:"
		echo "  admins:"
		echo "    rules:"
		echo "      - {id: bench-admins, effect: allow, actions: [\"*\"]}"
	} >"$work/gatehouse/gatehouse.yaml"
	start gatehouse env GATEHOUSE_ADMIN_TOKEN="$token" BENCH_FAKE_KEY=x \
		"$gatehouse" serve --config "$work/gatehouse/gatehouse.yaml"
	wait_http "http://127.0.0.1:$gh_port/healthz" "$work/gatehouse.log" 60
	gh_url=http://127.0.0.1:$gh_port/v1
	gatehouse_args=(--gatehouse-url "$gh_url" --gatehouse-token "$token" --gatehouse-model bench)
	log "gatehouse at http://127.0.0.1:$gh_port"
fi

log "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# The harness in a group of its own too (it starts LiteLLM; the trap ends both).
(exec setsid env TMPDIR="$work" "$bench" latency --upstream-url "$fake_url" "${gatehouse_args[@]}" "${litellm_args[@]}" \
	--duration-seconds "$duration" --warmup-seconds "$warmup" --concurrency "$concurrency") \
	</dev/null >"$work/latency.md" &
pids+=($!)
wait "${pids[-1]}" || { log "the latency run failed"; exit 1; }
echo "## Latency over a fake upstream ($duration s per cell, $warmup s warm-up)"
echo
cat "$work/latency.md"

if [ "$engine" = 1 ] && [ "$use_gatehouse" = 1 ]; then
	echo
	echo "## Tokens/s, llama-cpp-python + SmolLM2-135M Q4_1 ($completions streamed completions each, max_tokens $max_tokens)"
	echo
	"$bench" tokens --direct-url "$engine_url" --gatehouse-url "$gh_url" ${token:+--gatehouse-token "$token"} \
		--requests "$completions" --max-tokens "$max_tokens"
fi
