#!/usr/bin/env bash
# Benchmark in release mode on a generated tree (default 20,000 people, 2,000 projects).
# Prints wall time, peak memory and ratios against libyaml's bare event loop, and diff
# (two trees differing in one team's members), plan, apply and generate (of the tree
# itself) against validate, all measured in the same run, then scripts/bench-queries.sh
# on the same tree and scripts/bench-scale.sh at 2k, 20k and 100k people.
# Usage: scripts/bench.sh [PEOPLE] [PROJECTS] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-20000}
projects=${2:-2000}
repeats=${3:-5}

swift build -c release --product orgtree >/dev/null
swift build -c release --product orgtree-bench >/dev/null
bin=$(swift build -c release --show-bin-path)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== command line: orgtree generate (wall seconds, peak KiB), once"
/usr/bin/time -o "$work/generate" -f "%e %M" \
  "$bin/orgtree" generate --people "$people" --projects "$projects" --seed 7 --today 2026-11-23 --out "$work/tree" >/dev/null
awk '{ printf "%.2f s  %d KiB\n", $1, $2 }' "$work/generate"

echo "== in-process: validate vs libyaml event loop"
"$bin/orgtree-bench" "$work/tree" "$repeats"

echo "== command line: orgtree validate (wall seconds, peak KiB), $repeats runs"
for _ in $(seq "$repeats"); do
  /usr/bin/time -f "%e s  %M KiB" "$bin/orgtree" validate "$work/tree" --at 2026-11-23 >/dev/null
done 2>&1

# diff: the same tree and a copy in which one team's members changed (one member out,
# one in), so that a handful of people gain or lose project roles.
cp -R "$work/tree" "$work/tree2"
team="$work/tree2/teams/team-010.yaml"
newcomer=$(grep -h '^  - p' "$work/tree2/teams/team-011.yaml" | sed 's/^  - //' \
  | grep -vxF -f <(grep '^  - p' "$team" | sed 's/^  - //') | head -1)
sed -i "0,/^  - p.*/s//  - $newcomer/" "$team"

echo "== in-process: diff (one team's members changed) vs validate"
"$bin/orgtree-bench" diff "$work/tree" "$work/tree2" "$repeats"

echo "== command line: orgtree diff vs orgtree validate (wall seconds, peak KiB), $repeats runs each"
for _ in $(seq "$repeats"); do
  /usr/bin/time -q -f "diff      %e s  %M KiB" "$bin/orgtree" diff "$work/tree" "$work/tree2" --at 2026-11-23 >/dev/null || test $? -eq 1
  /usr/bin/time -f "validate  %e s  %M KiB" "$bin/orgtree" validate "$work/tree2" --at 2026-11-23 >/dev/null
done 2>&1

# apply into SQLite: a plan against an empty store and the first apply of the whole tree
# into it (the plan must not cost more than the apply it previews), an apply of the
# one-team change above (tree2), and an apply with nothing to do, against validate;
# the table ends with the one generate of the tree above.
echo "== command line: orgtree plan and apply into SQLite vs orgtree validate, $repeats runs each (median wall seconds), and generate"
times="$work/times"
: > "$times"
measure() { # LABEL COMMAND...: appends "LABEL SECONDS KIB" to $times
  local label=$1; shift
  /usr/bin/time -q -o "$work/one" -f "%e %M" "$@" >/dev/null 2>&1 || true
  echo "$label $(cat "$work/one")" >> "$times"
}
for _ in $(seq "$repeats"); do
  rm -f "$work"/state.db* "$work"/secrets-*
  measure empty-plan "$bin/orgtree" plan "$work/tree" --state "sqlite:$work/state.db" --at 2026-11-23
  measure first-apply "$bin/orgtree" apply "$work/tree" --state "sqlite:$work/state.db" --at 2026-11-23 \
    --max-removals 1000000 --secrets-out "$work/secrets-1"
  sync
  measure one-change-apply "$bin/orgtree" apply "$work/tree2" --state "sqlite:$work/state.db" --at 2026-11-23 \
    --max-removals 1000000 --secrets-out "$work/secrets-2"
  measure no-change-apply "$bin/orgtree" apply "$work/tree2" --state "sqlite:$work/state.db" --at 2026-11-23
  measure validate "$bin/orgtree" validate "$work/tree2" --at 2026-11-23
done
median() { # LABEL: the median wall time of LABEL's runs
  grep "^$1 " "$times" | cut -d' ' -f2 | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
echo "generate $(cat "$work/generate")" >> "$times"
base=$(median validate)
for label in validate empty-plan first-apply one-change-apply no-change-apply generate; do
  peak=$(grep "^$label " "$times" | cut -d' ' -f3 | sort -n | tail -1)
  awk -v l="$label" -v t="$(median "$label")" -v b="$base" -v p="$peak" \
    'BEGIN { printf "%-17s %6.2f s  %5.2fx validate  peak %d MiB\n", l, t, t / b, p / 1024 }'
done
awk -v p="$(median empty-plan)" -v a="$(median first-apply)" 'BEGIN { printf "empty-plan / first-apply: %.2fx\n", p / a }'

# The questions about one subject (explain, effective --person, who-can --on) against
# validate, on the same tree.
scripts/bench-queries.sh "$people" "$projects" "$repeats" "$work/tree"

# Memory, validate against libyaml and generate at 2k, 20k and 100k people.
scripts/bench-scale.sh "$repeats"
