#!/usr/bin/env bash
# The upstream registry the registry-proxy tests pull through: the CNCF distribution registry
# (Debian package docker-registry) on 127.0.0.1, with a fixture image built by umoci from
# busybox-static and pushed with skopeo.
#
#   scripts/registry-test.sh start   start if needed; prints `export GATEHOUSE_TEST_REGISTRY=127.0.0.1:PORT`
#                                    and `export GATEHOUSE_TEST_REGISTRY_BASIC=127.0.0.1:PORT2`, a second
#                                    registry that wants basic credentials (gatehouse / test-password)
#   scripts/registry-test.sh stop
#
# State lives under ${GATEHOUSE_REGISTRY_DIR:-/var/tmp/gatehouse-registry}: the registry's
# storage, its config, log and pid. Starting is idempotent and fast once running: a running
# registry that answers /v2/ and already has the fixture is reused.
set -euo pipefail

ROOT=${GATEHOUSE_REGISTRY_DIR:-/var/tmp/gatehouse-registry}
PORT=${GATEHOUSE_REGISTRY_PORT:-5055}
BASIC_PORT=${GATEHOUSE_REGISTRY_BASIC_PORT:-5056}
BASIC_USER=gatehouse
BASIC_PASSWORD=test-password
FIXTURE=test/busybox:1
MCP_FIXTURE=test/mcp-echo:1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { printf 'registry-test: %s\n' "$*" >&2; }
die() {
	printf 'registry-test: error: %s\n' "$*" >&2
	exit 1
}

answers() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/v2/" 2>/dev/null; }
basic_answers() {
	curl -fsS -o /dev/null --max-time 2 -u "$BASIC_USER:$BASIC_PASSWORD" "http://127.0.0.1:$BASIC_PORT/v2/" 2>/dev/null
}
has_image() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/v2/${1%%:*}/manifests/${1##*:}" \
	-H 'Accept: application/vnd.oci.image.manifest.v1+json' 2>/dev/null; }
has_fixture() { has_image "$FIXTURE"; }
# The MCP image fixture is rebuilt when its server script or MCP_FIXTURE_VERSION changes (their
# hash is kept beside the registry's data).
MCP_FIXTURE_VERSION=4 # raise when push_mcp_fixture changes
mcp_script_sum() { { echo "$MCP_FIXTURE_VERSION"; cat "$HERE/mcp/image_server.awk"; } | sha256sum | cut -c1-16; }
has_mcp_fixture() { [ "$(cat "$ROOT/mcp-fixture.sum" 2>/dev/null)" = "$(mcp_script_sum)" ] && has_image "$MCP_FIXTURE"; }

# Starts docker-registry with $ROOT/NAME.yml and waits until CHECK passes (10 s at most).
serve() { # NAME CHECK ADDRESS
	nohup docker-registry serve "$ROOT/$1.yml" >"$ROOT/$1.log" 2>&1 &
	echo $! >"$ROOT/$1.pid"
	for _ in $(seq 1 100); do
		"$2" && return 0
		kill -0 "$(cat "$ROOT/$1.pid")" 2>/dev/null || break
		sleep 0.1
	done
	tail -n 20 "$ROOT/$1.log" >&2 || true
	die "the registry did not start on $3"
}

start_registry() {
	mkdir -p "$ROOT/data"
	cat >"$ROOT/registry.yml" <<CONFIG
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
	serve registry answers "127.0.0.1:$PORT"
}

# The same registry software behind basic authentication (htpasswd, bcrypt), with the fixture.
start_basic_registry() {
	mkdir -p "$ROOT/basic-data"
	htpasswd -Bbn "$BASIC_USER" "$BASIC_PASSWORD" >"$ROOT/htpasswd"
	cat >"$ROOT/basic.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $ROOT/basic-data
auth:
  htpasswd:
    realm: gatehouse-test
    path: $ROOT/htpasswd
http:
  addr: 127.0.0.1:$BASIC_PORT
CONFIG
	serve basic basic_answers "127.0.0.1:$BASIC_PORT"
	skopeo copy --quiet --src-tls-verify=false --dest-tls-verify=false --dest-creds "$BASIC_USER:$BASIC_PASSWORD" \
		"docker://127.0.0.1:$PORT/$FIXTURE" "docker://127.0.0.1:$BASIC_PORT/$FIXTURE" >/dev/null ||
		die "skopeo could not push the fixture to the basic-auth registry"
}

# A new OCI layout in $1 with an empty image `1` unpacked to $1/bundle, holding busybox-static
# as /bin/busybox and /bin/sh.
new_busybox_bundle() {
	umoci init --layout "$1/layout" >/dev/null
	umoci new --image "$1/layout:1" >/dev/null
	umoci unpack --image "$1/layout:1" "$1/bundle" >/dev/null
	mkdir -p "$1/bundle/rootfs/bin"
	cp "$(command -v busybox)" "$1/bundle/rootfs/bin/busybox"
	ln -s busybox "$1/bundle/rootfs/bin/sh"
}

# A small image: busybox-static as /bin/busybox and /bin/sh, user nobody.
push_fixture() {
	local work
	work=$(mktemp -d)
	trap 'rm -rf "$work"' RETURN
	new_busybox_bundle "$work"
	umoci repack --image "$work/layout:1" "$work/bundle" >/dev/null
	umoci config --image "$work/layout:1" --config.user 65534 --config.cmd /bin/sh >/dev/null
	skopeo copy --quiet --dest-tls-verify=false "oci:$work/layout:1" "docker://127.0.0.1:$PORT/$FIXTURE" >/dev/null ||
		die "skopeo could not push the fixture image"
}

# An image MCP server: busybox-static and scripts/mcp/image_server.awk, run by busybox awk with
# an environment variable and a Cmd of its own (the image-server tests check both arrive).
push_mcp_fixture() {
	local work
	work=$(mktemp -d)
	trap 'rm -rf "$work"' RETURN
	new_busybox_bundle "$work" # awk runs its pipes with /bin/sh
	mkdir -p "$work/bundle/rootfs/srv"
	cp "$HERE/mcp/image_server.awk" "$work/bundle/rootfs/srv/server.awk"
	umoci repack --image "$work/layout:1" "$work/bundle" >/dev/null
	umoci config --image "$work/layout:1" --config.user 4242:4343 --config.env IMAGE_VAR=from-image \
		--config.env PATH=/bin --config.entrypoint /bin/busybox --config.entrypoint awk \
		--config.entrypoint -f --config.entrypoint /srv/server.awk --config.cmd SUFFIX=from-image-cmd >/dev/null
	skopeo copy --quiet --dest-tls-verify=false "oci:$work/layout:1" "docker://127.0.0.1:$PORT/$MCP_FIXTURE" >/dev/null ||
		die "skopeo could not push the MCP fixture image"
	mcp_script_sum >"$ROOT/mcp-fixture.sum"
}

case "${1:-}" in
start)
	for tool in docker-registry skopeo umoci busybox curl htpasswd; do
		command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (scripts/test-deps.sh installs it)"
	done
	answers || start_registry
	has_fixture || push_fixture
	has_mcp_fixture || push_mcp_fixture
	basic_answers || start_basic_registry
	echo "export GATEHOUSE_TEST_REGISTRY=127.0.0.1:$PORT"
	echo "export GATEHOUSE_TEST_REGISTRY_BASIC=127.0.0.1:$BASIC_PORT"
	;;
stop)
	for pid in registry basic; do
		if [ -f "$ROOT/$pid.pid" ]; then kill "$(cat "$ROOT/$pid.pid")" 2>/dev/null || true; fi
		rm -f "$ROOT/$pid.pid"
	done
	;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
