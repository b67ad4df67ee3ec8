#!/usr/bin/env bash
# The upstream registry the registry-proxy tests pull through: the CNCF distribution registry
# (Debian package docker-registry) on 127.0.0.1, with a fixture image built by umoci from
# busybox-static and pushed with skopeo.
#
#   scripts/registry-test.sh start   start if needed; prints `export GATEHOUSE_TEST_REGISTRY=127.0.0.1:PORT`
#   scripts/registry-test.sh stop
#
# State lives under ${GATEHOUSE_REGISTRY_DIR:-/var/tmp/gatehouse-registry}: the registry's
# storage, its config, log and pid. Starting is idempotent and fast once running: a running
# registry that answers /v2/ and already has the fixture is reused.
set -euo pipefail

ROOT=${GATEHOUSE_REGISTRY_DIR:-/var/tmp/gatehouse-registry}
PORT=${GATEHOUSE_REGISTRY_PORT:-5055}
FIXTURE=test/busybox:1

log() { printf 'registry-test: %s\n' "$*" >&2; }
die() {
	printf 'registry-test: error: %s\n' "$*" >&2
	exit 1
}

answers() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/v2/" 2>/dev/null; }
has_fixture() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/v2/${FIXTURE%%:*}/manifests/${FIXTURE##*:}" \
	-H 'Accept: application/vnd.oci.image.manifest.v1+json' 2>/dev/null; }

start_registry() {
	mkdir -p "$ROOT/data"
	cat >"$ROOT/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $ROOT/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$PORT
CONFIG
	nohup docker-registry serve "$ROOT/config.yml" >"$ROOT/registry.log" 2>&1 &
	echo $! >"$ROOT/registry.pid"
	for _ in $(seq 1 100); do
		answers && return 0
		kill -0 "$(cat "$ROOT/registry.pid")" 2>/dev/null || break
		sleep 0.1
	done
	tail -n 20 "$ROOT/registry.log" >&2 || true
	die "the registry did not start on 127.0.0.1:$PORT"
}

# A small image: busybox-static as /bin/busybox and /bin/sh, user nobody.
push_fixture() {
	local work
	work=$(mktemp -d)
	trap 'rm -rf "$work"' RETURN
	umoci init --layout "$work/layout" >/dev/null
	umoci new --image "$work/layout:1" >/dev/null
	umoci unpack --image "$work/layout:1" "$work/bundle" >/dev/null
	mkdir -p "$work/bundle/rootfs/bin"
	cp "$(command -v busybox)" "$work/bundle/rootfs/bin/busybox"
	ln -s busybox "$work/bundle/rootfs/bin/sh"
	umoci repack --image "$work/layout:1" "$work/bundle" >/dev/null
	umoci config --image "$work/layout:1" --config.user 65534 --config.cmd /bin/sh >/dev/null
	skopeo copy --quiet --dest-tls-verify=false "oci:$work/layout:1" "docker://127.0.0.1:$PORT/$FIXTURE" >/dev/null ||
		die "skopeo could not push the fixture image"
}

case "${1:-}" in
start)
	for tool in docker-registry skopeo umoci busybox curl; do
		command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (scripts/test-deps.sh installs it)"
	done
	answers || start_registry
	has_fixture || push_fixture
	echo "export GATEHOUSE_TEST_REGISTRY=127.0.0.1:$PORT"
	;;
stop)
	if [ -f "$ROOT/registry.pid" ]; then kill "$(cat "$ROOT/registry.pid")" 2>/dev/null || true; fi
	rm -f "$ROOT/registry.pid"
	;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
