#!/usr/bin/env bash
# The registry proxy against its upstream, in the same run (issue 5):
#   - throughput of `skopeo copy` of a large image (one incompressible layer) directly from the
#     CNCF registry, and through Gatehouse with an empty cache (cold) and a filled one (warm);
#   - the latency Gatehouse adds to a manifest request (HEAD by digest, warm), median of N
#     `curl` requests each way.
#
#   swift build -c release --scratch-path .build-release --product gatehouse
#   out=$(scripts/test-deps.sh) && eval "$out"
#   bench/registry/run.sh [--size-mb 128] [--runs 3] [--manifest-requests 200]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
gatehouse=${GATEHOUSE_BIN:-$here/.build-release/release/gatehouse}
size_mb=128
runs=3
requests=200
while [ $# -gt 0 ]; do
	case "$1" in
	--size-mb) size_mb=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--manifest-requests) requests=$2; shift 2 ;;
	*) echo "usage: $0 [--size-mb N] [--runs N] [--manifest-requests N]" >&2; exit 2 ;;
	esac
done
[ -x "$gatehouse" ] || { echo "build it first: swift build -c release --scratch-path .build-release --product gatehouse" >&2; exit 2; }
upstream=${GATEHOUSE_TEST_REGISTRY:?run scripts/test-deps.sh first (it starts the test registry)}
proxy_name=${upstream/:/_}
work=$(mktemp -d)
server_pid=""
cleanup() {
	[ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The image: one layer of random bytes (gzip cannot shrink it), pushed once per size.
image="test/big:${size_mb}m"
if ! skopeo inspect --raw --tls-verify=false "docker://$upstream/$image" >/dev/null 2>&1; then
	echo "pushing a ${size_mb} MB image to $upstream/$image" >&2
	umoci init --layout "$work/layout" >/dev/null
	umoci new --image "$work/layout:big" >/dev/null
	umoci unpack --image "$work/layout:big" "$work/bundle" >/dev/null
	head -c "$((size_mb * 1024 * 1024))" /dev/urandom >"$work/bundle/rootfs/payload"
	umoci repack --image "$work/layout:big" "$work/bundle" >/dev/null
	skopeo copy --quiet --dest-tls-verify=false "oci:$work/layout:big" "docker://$upstream/$image" >/dev/null
	rm -rf "$work/layout" "$work/bundle"
fi

# A Gatehouse of its own: release build, fresh data directory, the test registry as upstream.
token="bench-admin-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port=$((20000 + RANDOM % 20000))
cat >"$work/gatehouse.yaml" <<CONFIG
version: 1
store:
  url: "sqlite:gatehouse.db"
bootstrap:
  admin_token: env:GATEHOUSE_BENCH_TOKEN
  admin_groups: [admins]
registry:
  upstreams:
    - {host: "127.0.0.1:*", plain_http: true}
groups:
  admins:
    rules:
      - {id: admins-all, effect: allow, actions: ["*"]}
CONFIG
GATEHOUSE_BENCH_TOKEN=$token "$gatehouse" serve --config "$work/gatehouse.yaml" --data-dir "$work/data" \
	--host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
	curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break
	sleep 0.1
done
curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" || { tail -20 "$work/server.log" >&2; exit 1; }

copy() { # SOURCE [CREDS]
	rm -rf "$work/out"
	local start end
	start=$(now)
	if [ $# -gt 1 ]; then
		skopeo copy --quiet --src-tls-verify=false --src-creds "$2" "$1" "oci:$work/out:x" >/dev/null
	else
		skopeo copy --quiet --src-tls-verify=false "$1" "oci:$work/out:x" >/dev/null
	fi
	end=$(now)
	calc "$end - $start"
}

direct=()
warm=()
cold=$(copy "docker://127.0.0.1:$port/$proxy_name/$image" "admin:$token")
for _ in $(seq 1 "$runs"); do
	direct+=("$(copy "docker://$upstream/$image")")
	warm+=("$(copy "docker://127.0.0.1:$port/$proxy_name/$image" "admin:$token")")
done
direct_median=$(printf '%s\n' "${direct[@]}" | median)
warm_median=$(printf '%s\n' "${warm[@]}" | median)

# Manifest requests: HEAD by digest, with a registry token, warm.
digest=$(skopeo inspect --raw --tls-verify=false "docker://$upstream/$image" | sha256sum | cut -d' ' -f1)
bearer=$(curl -fsS -u "admin:$token" \
	"http://127.0.0.1:$port/v2/token?service=gatehouse&scope=repository:$proxy_name/test/big:pull" |
	sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
accept='Accept: application/vnd.oci.image.manifest.v1+json'
time_requests() { # URL [AUTH HEADER]
	for _ in $(seq 1 "$requests"); do
		curl -s -o /dev/null -I -w '%{time_total}\n' -H "$accept" ${2:+-H "$2"} "$1"
	done
}
time_requests "http://127.0.0.1:$port/v2/$proxy_name/test/big/manifests/sha256:$digest" "Authorization: Bearer $bearer" >/dev/null
direct_ms=$(time_requests "http://$upstream/v2/test/big/manifests/sha256:$digest" | median)
proxy_ms=$(time_requests "http://127.0.0.1:$port/v2/$proxy_name/test/big/manifests/sha256:$digest" "Authorization: Bearer $bearer" | median)

mb=$size_mb
printf 'image: %s MB, %s runs each (medians)\n' "$mb" "$runs"
printf 'direct from the registry   %6.2f s  %7.1f MB/s\n' "$direct_median" "$(calc "$mb / $direct_median")"
printf 'through Gatehouse, cold    %6.2f s  %7.1f MB/s  (%.2fx direct throughput)\n' "$cold" "$(calc "$mb / $cold")" "$(calc "$direct_median / $cold")"
printf 'through Gatehouse, warm    %6.2f s  %7.1f MB/s  (%.2fx direct throughput)   goal: >= 0.9x\n' "$warm_median" "$(calc "$mb / $warm_median")" "$(calc "$direct_median / $warm_median")"
printf 'manifest HEAD (%s requests): direct %.2f ms, through Gatehouse %.2f ms, added %.2f ms   goal: <= 2 ms\n' \
	"$requests" "$(calc "$direct_ms * 1000")" "$(calc "$proxy_ms * 1000")" "$(calc "($proxy_ms - $direct_ms) * 1000")"
