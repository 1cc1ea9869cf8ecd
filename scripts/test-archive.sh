#!/usr/bin/env bash
# Proves the release archive runs where no Swift exists: a minimal Debian 12 (bookworm)
# root made with debootstrap, with only libyaml and libsqlite3 added, the archive
# unpacked into its /usr/local as README's install line does, then in a chroot (with a
# /proc of its own) `orgtree --version`, `orgtree validate sample-org`, `orgtree apply
# sample-org --state sqlite:…`, a second `plan` that finds nothing to do, and `audit
# verify`.
#
#   scripts/test-archive.sh [ARCHIVE]     (ARCHIVE: dist/orgtree-*-linux-ARCH.tar.gz)
#
# Needs root (debootstrap, chroot, unshare) and Debian's mirror ($ORGTREE_DEBIAN_MIRROR,
# else http://deb.debian.org/debian); installs debootstrap with apt-get when it is
# missing. The debootstrap root (a minute or two to make) is kept as a tar file in
# $ORGTREE_DEBOOTSTRAP_CACHE (default /tmp/orgtree-debootstrap) and unpacked afresh for
# each run; everything else is removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-archive: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot, unshare)"
archive=${1:-$(ls -t dist/orgtree-*-linux-"$(uname -m)".tar.gz 2>/dev/null | head -n 1)}
[ -n "$archive" ] && [ -f "$archive" ] || fail "no archive: run scripts/package.sh first, or name one"
archive=$(realpath "$archive")
mirror=${ORGTREE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache_dir=${ORGTREE_DEBOOTSTRAP_CACHE:-/tmp/orgtree-debootstrap}
cache="$cache_dir/bookworm-minbase-$(dpkg --print-architecture)-yaml-sqlite.tar"

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "installing: debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null \
    || fail "could not install debootstrap with apt-get"
fi

work=$(mktemp -d /tmp/orgtree-test-archive.XXXXXX)
# orgtree runs in a mount namespace of its own, so nothing stays mounted in the root; and
# should anything be, the root is left alone rather than removed through the mount.
trap 'if grep -q " $work/" /proc/mounts; then echo "test-archive: $work has mounts: left in place" >&2; else rm -rf "$work"; fi' EXIT
root="$work/root"
started=$SECONDS

if [ ! -f "$cache" ]; then
  echo "debootstrap: Debian 12 minbase with libyaml-0-2 and libsqlite3-0 from $mirror"
  if ! debootstrap --variant=minbase --include=libyaml-0-2,libsqlite3-0 bookworm "$root" "$mirror" \
       > "$work/debootstrap.log" 2>&1; then
    tail -n 20 "$work/debootstrap.log" >&2
    fail "debootstrap failed (is $mirror reachable? set ORGTREE_DEBIAN_MIRROR): see above"
  fi
  rm -f "$root"/var/cache/apt/archives/*.deb
  mkdir -p "$cache_dir"
  tar -C "$root" -cf "$cache.partial" . && mv "$cache.partial" "$cache"
  echo "debootstrap: $(( SECONDS - started )) s; kept in $cache"
else
  mkdir "$root"
  tar -C "$root" -xf "$cache"
  echo "debootstrap root from $cache"
fi
echo "root before orgtree: $(du -sh "$root" | cut -f1)"

# No Swift in there: no toolchain, no runtime library.
[ -z "$(find "$root" \( -name 'libswiftCore*' -o -name 'libFoundation*.so' -o -name swift \) -print -quit)" ] \
  || fail "the root holds Swift files"

# README's install line, into the root's /usr/local.
tar -xzf "$archive" -C "$root/usr/local" --strip-components=1
cp -R sample-org "$root/root/sample-org"

checks=0
expect() {  # PATTERN ARGUMENTS…: orgtree ARGUMENTS in the root exits 0 and prints a line matching PATTERN
  local pattern=$1 status=0; shift
  # With /proc, as on any running system (Swift reads the command line from there).
  unshare --mount --pid --fork --mount-proc="$root/proc" \
    chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    orgtree "$@" > "$work/out" 2>&1 || status=$?
  if [ "$status" -ne 0 ] || ! grep -qE "$pattern" "$work/out"; then
    cat "$work/out" >&2
    fail "orgtree $* exited $status (expected 0 and a line matching /$pattern/)"
  fi
  echo "ok: orgtree $*: $(grep -m1 -E "$pattern" "$work/out")"
  checks=$((checks + 1))
}
expect '^[0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12,40}|unknown)\)$' --version
expect 'sample-org is valid' validate /root/sample-org
expect '^Applied revision 1 to sqlite:/root/org.db' apply /root/sample-org --state sqlite:/root/org.db --secrets-out /root/secrets.json
expect '^No changes\. The store matches the tree\.' plan /root/sample-org --state sqlite:/root/org.db
expect 'is intact' audit verify --state sqlite:/root/org.db
[ -s "$root/root/secrets.json" ] || fail "apply wrote no secrets file"

echo "root with orgtree: $(du -sh "$root" | cut -f1)"
echo "archive test: all $checks runs of orgtree as expected ($(( SECONDS - started )) s)"
