#!/usr/bin/env bash
# Builds the release archive OUT/orgtree-VERSION-linux-ARCH.tar.gz (OUT: dist/ unless
# given): orgtree built with the Swift standard library and Foundation linked in
# (--static-swift-stdlib), stripped, with the README, the LICENSE, the JSON schemas and
# the shell completions and the man page, laid out as a prefix:
#
#   orgtree-VERSION-linux-ARCH/bin/orgtree
#   orgtree-VERSION-linux-ARCH/share/doc/orgtree/{README.md,LICENSE}
#   orgtree-VERSION-linux-ARCH/share/orgtree/schemas/*.schema.json
#   orgtree-VERSION-linux-ARCH/share/{bash-completion/completions/orgtree,zsh/site-functions/_orgtree,fish/vendor_completions.d/orgtree.fish}
#   orgtree-VERSION-linux-ARCH/share/man/man1/orgtree.1
#
# so `tar -xzf ARCHIVE -C /usr/local --strip-components=1` installs it. The binary needs
# only C libraries Debian and Ubuntu ship: libyaml, libsqlite3 and the C/C++ runtime of
# the base system (checked with ldd). The build has a folder of its own (.build-static),
# as the static standard library changes every compile step; the first one takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}

if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  echo "warning: uncommitted changes: the archive holds them, but --version names only HEAD" >&2
fi

# Linked by the toolchain's lld: the system's gold prints glibc's link-time note about the
# mktemp that Swift's static Foundation references, on every build.
build=(swift build -c release --static-swift-stdlib -Xswiftc -use-ld=lld --scratch-path .build-static)
"${build[@]}" --product orgtree
bin="$("${build[@]}" --show-bin-path)/orgtree"

version_line=$("$bin" --version)          # "0.1.0 (commit 0123456789ab)"
version=${version_line%% *}
name="orgtree-$version-linux-$(uname -m)"

stage=$(mktemp -d "${TMPDIR:-/tmp}/orgtree-package.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
install -D -m 755 "$bin" "$root/bin/orgtree"
strip "$root/bin/orgtree"

libraries=$(ldd "$root/bin/orgtree")
if grep -q 'libswift\|libFoundation\|libdispatch\|libBlocksRuntime\|not found' <<<"$libraries"; then
  echo "error: $root/bin/orgtree still needs Swift's libraries:" >&2
  echo "$libraries" >&2
  exit 1
fi

install -D -m 644 README.md "$root/share/doc/orgtree/README.md"
install -D -m 644 LICENSE "$root/share/doc/orgtree/LICENSE"
mkdir -p "$root/share/orgtree/schemas"
install -m 644 schemas/*.schema.json "$root/share/orgtree/schemas/"
mkdir -p "$root/share/bash-completion/completions" "$root/share/zsh/site-functions" \
  "$root/share/fish/vendor_completions.d"
"$bin" --generate-completion-script bash > "$root/share/bash-completion/completions/orgtree"
"$bin" --generate-completion-script zsh > "$root/share/zsh/site-functions/_orgtree"
"$bin" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/orgtree.fish"
install -D -m 644 docs/orgtree.1 "$root/share/man/man1/orgtree.1"

# The same source gives the same archive: entries sorted, times of the commit, no owners.
stamp=$(git log -1 --format=%ct 2>/dev/null || date +%s)
mkdir -p "$out"
archive="$out/$name.tar.gz"
tar -C "$stage" --sort=name --mtime="@$stamp" --owner=0 --group=0 --numeric-owner -cf - "$name" \
  | gzip -9n > "$archive"

echo "$version_line"
echo "$libraries"
echo "$archive ($(du -k "$archive" | cut -f1) KiB)"
