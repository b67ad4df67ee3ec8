#!/usr/bin/env bash
# Builds (once) the microVM image Gatehouse's microvm sandbox backend boots: Debian's kernel and
# a busybox initramfs with the virtio-9p modules and scripts/microvm/init.
#
#   scripts/microvm-image.sh build   build if needed; prints `export GATEHOUSE_MICROVM_IMAGE=DIR`
#   scripts/microvm-image.sh env     print that line without building (exit 4 when not built)
#
# DIR holds vmlinuz, vmlinux (the same kernel uncompressed, which QEMU boots directly through
# its PVH entry: no decompression under emulation, about a second less) and initrd.gz; it is
# keyed by the kernel version and a hash of the init script and this format, under ${GATEHOUSE_MICROVM_DIR:-/var/tmp/gatehouse-microvm}, so only a new machine pays.
# The kernel .deb is downloaded with `apt-get download` and unpacked (nothing is installed into
# the host's /boot). Needs: apt-get, dpkg-deb, gzip, and busybox-static (scripts/test-deps.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${GATEHOUSE_MICROVM_DIR:-/var/tmp/gatehouse-microvm}
KERNEL_PACKAGE=${GATEHOUSE_MICROVM_KERNEL:-linux-image-amd64}
MODULES="virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci netfs fscache 9pnet 9pnet_virtio 9p failover net_failover virtio_net"

log() { printf 'microvm-image: %s\n' "$*" >&2; }
die() {
	printf 'microvm-image: error: %s\n' "$*" >&2
	exit 1
}

FORMAT=2 # 2: with vmlinux
init_hash=$( (cat "$here/microvm/init" && echo "$MODULES $FORMAT") | sha256sum | cut -c1-12)
# The metapackage names the versioned kernel package, e.g. linux-image-6.1.0-56-amd64.
resolve_package() {
	apt-cache depends "$KERNEL_PACKAGE" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n 1
}

image_dir_for() { printf '%s/%s-%s' "$ROOT" "${1#linux-image-}" "$init_hash"; }

existing() {
	local dir
	for dir in "$ROOT"/*-"$init_hash"; do
		if [ -f "$dir/.ok" ]; then
			printf '%s' "$dir"
			return 0
		fi
	done
	return 1
}

# The ELF kernel inside a bzImage: the payload after the first xz (else gzip, zstd) header.
extract_vmlinux() {
	local image=$1 out=$2 magic offset tool
	for pair in "fd377a585a00:xz -dc" "1f8b0800:gzip -dc" "28b52ffd:zstd -dc"; do
		magic=${pair%%:*}
		tool=${pair#*:}
		command -v "${tool%% *}" >/dev/null 2>&1 || continue
		offset=$(od -An -v -tx1 "$image" | tr -d ' \n' | grep -bo "$magic" | awk -F: '$1 % 2 == 0 { print $1; exit }') || true
		[ -n "$offset" ] || continue
		tail -c +$((offset / 2 + 1)) "$image" | $tool >"$out" 2>/dev/null || true
		if [ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' ')" = "7f454c46" ]; then return 0; fi
	done
	rm -f "$out"
	log "no ELF kernel inside $image; the microVM will boot the compressed image (slower)"
}

build() {
	local package dir work deb version modules module path
	command -v busybox >/dev/null 2>&1 || die "busybox is not installed (Debian package busybox-static)"
	# The guest has no C library: the busybox copied in must be the static one.
	if ldd "$(command -v busybox)" >/dev/null 2>&1; then die "busybox is dynamically linked; install busybox-static"; fi
	case " $(busybox --list | tr '\n' ' ') " in
	*" cpio "*) ;;
	*) die "this busybox has no cpio applet" ;;
	esac
	package=$(resolve_package)
	if [ -z "$package" ]; then
		# A fresh machine may have no package lists yet.
		log "running apt-get update (cannot resolve $KERNEL_PACKAGE)"
		apt-get -q update >/dev/null 2>&1 || die "apt-get update failed"
		package=$(resolve_package)
	fi
	[ -n "$package" ] || die "cannot resolve $KERNEL_PACKAGE from the configured apt sources"
	dir=$(image_dir_for "$package")
	if [ -f "$dir/.ok" ]; then
		printf '%s' "$dir"
		return 0
	fi
	log "building $dir from $package"
	work=$(mktemp -d)
	trap 'rm -rf "$work"' RETURN
	(cd "$work" && apt-get download "$package" >/dev/null 2>&1) || die "apt-get download $package failed"
	deb=$(ls "$work"/*.deb)
	dpkg-deb -x "$deb" "$work/kernel"
	version=$(ls "$work/kernel/lib/modules")
	modules="$work/kernel/lib/modules/$version/kernel"
	mkdir -p "$work/initrd/bin" "$work/initrd/modules" "$work/initrd/proc" "$work/initrd/sys" "$work/initrd/dev" \
		"$work/initrd/run/gatehouse" "$work/initrd/workspace" "$work/initrd/tmp"
	cp "$(command -v busybox)" "$work/initrd/bin/busybox"
	install -m 0755 "$here/microvm/init" "$work/initrd/init"
	: >"$work/initrd/modules/order"
	for module in $MODULES; do
		path=$(find "$modules" -name "$module.ko" | head -n 1)
		[ -n "$path" ] || die "module $module is missing from $package"
		cp "$path" "$work/initrd/modules/"
		echo "$module.ko" >>"$work/initrd/modules/order"
	done
	(cd "$work/initrd" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -6 >"$work/initrd.gz")
	mkdir -p "$dir.tmp"
	cp "$work/kernel/boot/vmlinuz-$version" "$dir.tmp/vmlinuz"
	extract_vmlinux "$dir.tmp/vmlinuz" "$dir.tmp/vmlinux"
	cp "$work/initrd.gz" "$dir.tmp/initrd.gz"
	echo "$version" >"$dir.tmp/kernel-version"
	touch "$dir.tmp/.ok"
	rm -rf "$dir"
	mv "$dir.tmp" "$dir"
	printf '%s' "$dir"
}

case "${1:-}" in
build)
	mkdir -p "$ROOT"
	dir=$(existing || true)
	[ -n "$dir" ] || dir=$(build)
	echo "export GATEHOUSE_MICROVM_IMAGE=$dir"
	;;
env)
	dir=$(existing) || exit 4
	echo "export GATEHOUSE_MICROVM_IMAGE=$dir"
	;;
*)
	echo "usage: $0 build|env" >&2
	exit 2
	;;
esac
