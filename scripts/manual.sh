#!/usr/bin/env bash
# Regenerates docs/orgtree.1, orgtree's man page, with swift-argument-parser's
# generate-manual plugin (a debug build, from the package's own checkouts: no network),
# and records in it the SHA-256 of the help it was made from (`orgtree
# --experimental-dump-help`), which ManualPageTests compares with the help of the
# commands as built: a change of any command's help fails that test until this is run.
# Usage: scripts/manual.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift package generate-manual --configuration debug --date "$(git log -1 --format=%cs 2>/dev/null || date +%F)" >/dev/null
page=.build/plugins/GenerateManual/outputs/orgtree/orgtree.1
digest=$("$(swift build --show-bin-path)/orgtree" --experimental-dump-help | sha256sum | cut -d' ' -f1)
{
  head -n 1 "$page"
  printf '.\\" help-sha256: %s (scripts/manual.sh)\n' "$digest"
  tail -n +2 "$page"
} > docs/orgtree.1
echo "wrote docs/orgtree.1 (help $digest)"
