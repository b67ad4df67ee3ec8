#!/usr/bin/env bash
# The scan tests' ground-truth image: a real Debian root filesystem made by
# `debootstrap --variant=minbase` (this machine's Debian release and its configured mirror),
# packed as an OCI image layout by umoci. Built once and cached outside the clone.
#
#   scripts/scan-image.sh build   build if needed; prints the export lines below on stdout
#   scripts/scan-image.sh env     print them without building; exit 4 when not built
#
#   export GATEHOUSE_TEST_SCAN_ROOTFS=<dir>       the debootstrap root (dpkg-query --admindir=<dir>/var/lib/dpkg)
#   export GATEHOUSE_TEST_SCAN_LAYOUT=<dir>:minbase  the OCI layout and tag
#
# State lives under ${GATEHOUSE_SCAN_DIR:-/var/tmp/gatehouse-scan}/<release>-minbase-v1; a stamp is
# written only when the layout is complete, so an interrupted build is redone, never reused.
# Needs debootstrap and umoci (scripts/scan-deps.sh installs them) and root (debootstrap makes
# device nodes and chroots).
set -euo pipefail

log() { printf 'scan-image: %s\n' "$*" >&2; }
die() {
	printf 'scan-image: error: %s\n' "$*" >&2
	exit 1
}

RELEASE=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$RELEASE" ] || die "cannot tell this machine's Debian release from /etc/os-release"
BASE=${GATEHOUSE_SCAN_DIR:-/var/tmp/gatehouse-scan}/$RELEASE-minbase-v1
ROOTFS=$BASE/bundle/rootfs
LAYOUT=$BASE/layout
STAMP=$BASE/.complete

exports() {
	echo "export GATEHOUSE_TEST_SCAN_ROOTFS=$ROOTFS"
	echo "export GATEHOUSE_TEST_SCAN_LAYOUT=$LAYOUT:minbase"
}

# The first Debian archive the machine's apt sources name (deb822 or one-line form).
mirror() {
	local uri
	uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
	[ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
	[ -n "$uri" ] || die "no Debian mirror in /etc/apt/sources.list(.d)"
	echo "$uri"
}

build() {
	command -v debootstrap >/dev/null || die "debootstrap is not installed (scripts/scan-deps.sh installs it)"
	command -v umoci >/dev/null || die "umoci is not installed (scripts/scan-deps.sh installs it)"
	[ "$(id -u)" = 0 ] || die "debootstrap needs root"
	rm -rf "$BASE"
	mkdir -p "$BASE"
	log "debootstrap --variant=minbase $RELEASE (once; a few minutes)"
	umoci init --layout "$LAYOUT" >/dev/null
	umoci new --image "$LAYOUT:minbase" >/dev/null
	umoci unpack --image "$LAYOUT:minbase" "$BASE/bundle" >/dev/null
	debootstrap --variant=minbase "$RELEASE" "$ROOTFS" "$(mirror)" >"$BASE/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$BASE/debootstrap.log" >&2; die "debootstrap failed"; }
	# What the image would not carry: apt's downloaded lists and caches.
	rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
	log "packing the root as an OCI image"
	umoci repack --image "$LAYOUT:minbase" "$BASE/bundle" >/dev/null
	umoci config --image "$LAYOUT:minbase" --config.cmd /bin/bash >/dev/null
	umoci gc --layout "$LAYOUT"
	touch "$STAMP"
}

case "${1:-}" in
build)
	[ -f "$STAMP" ] || build
	exports
	;;
env)
	[ -f "$STAMP" ] || exit 4
	exports
	;;
*)
	echo "usage: $0 build|env" >&2
	exit 2
	;;
esac
