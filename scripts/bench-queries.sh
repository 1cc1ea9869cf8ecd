#!/usr/bin/env bash
# Benchmark the questions about one subject against validate, in release mode, on a
# generated tree (default 20,000 people, 2,000 projects): orgtree validate, explain,
# effective --person and who-can --on, each run REPEATS times in one loop (so that all
# see the same machine load). Prints the median wall seconds, the median CPU seconds
# (user + system: steadier than wall time on a busy machine) and the peak memory of each,
# with the wall and CPU ratios to validate measured in the same run.
# Usage: scripts/bench-queries.sh [PEOPLE] [PROJECTS] [REPEATS] [TREE]
#   TREE: an already generated tree folder to use instead of generating one.
#   ORGTREE_BIN: an orgtree binary to measure instead of building this one.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-20000}
projects=${2:-2000}
repeats=${3:-5}
tree=${4:-}

if [ -n "${ORGTREE_BIN:-}" ]; then
  orgtree=$ORGTREE_BIN
else
  swift build -c release --product orgtree >/dev/null
  orgtree="$(swift build -c release --show-bin-path)/orgtree"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$tree" ]; then
  tree="$work/tree"
  "$orgtree" generate --people "$people" --projects "$projects" --seed 7 --today 2026-11-23 --out "$tree" >/dev/null
fi
day=2026-11-23
people_files=("$tree"/people/*.yaml)
project_folders=("$tree"/projects/*/)
person=$(basename "${people_files[0]}" .yaml)
project=$(basename "${project_folders[0]}")

times="$work/times"
: > "$times"
measure() { # LABEL COMMAND...: appends "LABEL WALL CPU KIB" to $times
  local label=$1; shift
  /usr/bin/time -q -o "$work/one" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
  echo "$label $(awk '{ printf "%s %.2f %s", $1, $2 + $3, $4 }' "$work/one")" >> "$times"
}
echo "== command line: questions about one subject vs orgtree validate ($person, $project), $repeats runs each"
for _ in $(seq "$repeats"); do
  measure validate "$orgtree" validate "$tree" --at "$day"
  measure explain "$orgtree" explain "$tree" "$person" content.write --on "$project" --at "$day"
  measure effective-person "$orgtree" effective "$tree" --person "$person" --at "$day"
  measure who-can-on "$orgtree" who-can "$tree" content.write --on "$project" --at "$day"
done
median() { # LABEL COLUMN: the median of a column of LABEL's runs
  grep "^$1 " "$times" | cut -d' ' -f"$2" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
wall=$(median validate 2)
cpu=$(median validate 3)
for label in validate explain effective-person who-can-on; do
  peak=$(grep "^$label " "$times" | cut -d' ' -f4 | sort -n | tail -1)
  awk -v l="$label" -v t="$(median "$label" 2)" -v c="$(median "$label" 3)" -v bt="$wall" -v bc="$cpu" -v p="$peak" \
    'BEGIN { printf "%-17s %6.2f s wall %5.2fx validate  %6.2f s cpu %5.2fx validate  peak %d MiB\n", l, t, t / bt, c, c / bc, p / 1024 }'
done
