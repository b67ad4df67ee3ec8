# Debian package helpers shared by the test-dependency scripts. Source it after defining
# log() and die(); it sets an EXIT trap that removes its apt log.

# Run a command as root (directly, or through sudo when available).
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo -n "$@"
	else
		die "need root to run: $* (re-run as root or install sudo)"
	fi
}

apt_log=""
apt_cleanup() { [ -z "$apt_log" ] || rm -f "$apt_log"; }
trap apt_cleanup EXIT

# apt-get with output captured; on failure show its tail.
apt_quiet() {
	if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get -q "$@" >"$apt_log" 2>&1; then
		tail -n 25 "$apt_log" >&2
		return 1
	fi
}

has_candidate() {
	local cand
	cand=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
	[ -n "$cand" ] && [ "$cand" != "(none)" ]
}

# Install Debian packages: refresh the package lists first when one has no candidate, and once
# more when the install fails (stale lists give 404s).
install_packages() {
	command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install by hand: $*"
	apt_log=$(mktemp)
	local pkg updated=0
	for pkg in "$@"; do
		if ! has_candidate "$pkg"; then
			log "running apt-get update (no candidate for $pkg)"
			apt_quiet update || die "apt-get update failed"
			updated=1
			break
		fi
	done
	for pkg in "$@"; do
		has_candidate "$pkg" || die "package '$pkg' is not available from the configured apt sources"
	done
	if ! apt_quiet install -y --no-install-recommends "$@"; then
		[ "$updated" -eq 0 ] || die "apt-get install $* failed"
		log "apt-get install failed; running apt-get update and retrying"
		apt_quiet update || die "apt-get update failed"
		apt_quiet install -y --no-install-recommends "$@" || die "apt-get install $* failed"
	fi
	log "installed $*"
}
