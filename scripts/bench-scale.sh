#!/usr/bin/env bash
# Scale benchmark in release mode: for each tree size, validate's peak memory beyond a
# tiny tree's (sample-org, measured in the same run) as a multiple of the tree's bytes,
# validate against libyaml's bare event loop in wall time (in-process, same run) and in
# instructions (callgrind, repeatable on a busy machine), and the time to generate it
# (wall, and the processor time split into orgtree's own and the kernel's on its behalf).
# Trees are deleted only when the run ends: on ext4 without a journal, creating files
# within minutes of deleting many is many times slower (the kernel passes over recently
# freed inodes one by one), which a generate right after a deletion would measure instead.
# Usage: scripts/bench-scale.sh [REPEATS] [PEOPLE:PROJECTS ...]
# (default: 5 repeats; 2000:200 20000:2000 100000:10000). Instructions are counted for
# trees of up to 20,000 people (callgrind runs some 50 times slower), for every size with
# ORGTREE_BENCH_COUNT_ALL=1.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000:200 20000:2000 100000:10000)

swift build -c release --product orgtree >/dev/null
swift build -c release --product orgtree-bench >/dev/null
bin=$(swift build -c release --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# valgrind cannot read the release binaries' DWARF 5; copies without debug information
# keep their symbols and are enough for instruction counts.
counting=false
if command -v valgrind >/dev/null && command -v strip >/dev/null; then
  strip --strip-debug -o "$work/orgtree" "$bin/orgtree"
  strip --strip-debug -o "$work/orgtree-bench" "$bin/orgtree-bench"
  counting=true
fi
instructions() { # COMMAND...: instructions executed, all threads
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' | tail -1
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
peak() { # TREE: median peak KiB of validate over the repeats
  for _ in $(seq "$repeats"); do
    /usr/bin/time -f "%M" "$bin/orgtree" validate "$1" --at 2026-11-23 2>&1 >/dev/null | tail -1
  done | median
}
bytes() { find "$1" -type f -name '*.yaml' -printf '%s\n' | awk '{ s += $1 } END { print s }'; }

tiny=$(peak sample-org)
echo "== memory, speed and instructions by tree size (release, $(nproc) cores, median of $repeats)"
echo "tiny tree (sample-org, $(bytes sample-org) bytes): validate peak $((tiny / 1024)) MiB (the baseline subtracted below)"
printf '%-15s %8s %9s %10s %12s %10s %8s %9s %9s %10s %10s\n' size files "tree MB" generate "user+system" "peak MiB" beyond "x bytes" "wall x" "instr x" "1-core x"
for size in "${sizes[@]}"; do
  people=${size%%:*}
  projects=${size##*:}
  tree="$work/tree-$people"
  gen=$( { /usr/bin/time -f "%e %U %S" "$bin/orgtree" generate --people "$people" --projects "$projects" --seed 7 \
    --today 2026-11-23 --out "$tree" >/dev/null; } 2>&1 | tail -1)
  size_bytes=$(bytes "$tree")
  files=$(find "$tree" -type f -name '*.yaml' | wc -l)
  kib=$(peak "$tree")
  measured=$("$bin/orgtree-bench" "$tree" "$repeats")
  wall=$(sed -n 's/^orgtree validate (all rules): .*(\([0-9.]*\)x baseline)/\1/p' <<<"$measured")
  one=$(sed -n 's/^orgtree validate \/ one-core loop: \([0-9.]*\)x/\1/p' <<<"$measured")
  ratio="-"
  if $counting && { [ "$people" -le 20000 ] || [ "${ORGTREE_BENCH_COUNT_ALL:-0}" = 1 ]; }; then
    floor=$(instructions "$work/orgtree-bench" scan "$tree")
    total=$(instructions "$work/orgtree" validate "$tree" --at 2026-11-23)
    ratio=$(awk -v t="$total" -v f="$floor" 'BEGIN { printf "%.2f", t / f }')
  fi
  awk -v s="$people/$projects" -v n="$files" -v b="$size_bytes" -v g="$gen" -v k="$kib" -v t="$tiny" -v w="$wall" -v r="$ratio" -v o="$one" \
    'BEGIN { split(g, gt, " "); beyond = (k - t) / 1024
      printf "%-15s %8d %9.1f %9.1fs %5.1f+%5.1fs %10.0f %8.0f %9.2f %9s %10s %10s\n", s, n, b / 1e6, gt[1], gt[2], gt[3], k / 1024, beyond, beyond * 1048576 / b, w, r, o }'
done
echo "generate: wall seconds; user+system: processor seconds of orgtree itself and of the kernel creating the files"
echo "peak MiB: validate's peak resident memory; beyond: minus the tiny tree's; x bytes: beyond / tree bytes"
echo "wall x: validate / libyaml's event loop over the same files (both on all cores, in one process);"
echo "instr x: the same in instructions (callgrind, all threads; '-' without valgrind)"
echo "1-core x: validate (all cores) / libyaml's event loop on one core, the floor the first scale figures were given against"
