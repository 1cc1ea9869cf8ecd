#!/usr/bin/env bash
# Fuzzes orgtree's YAML reader and document decoder with libFuzzer (address sanitizer on),
# seeded with every YAML file of sample-org and examples/. Usage:
#   scripts/fuzz.sh [SECONDS] [libFuzzer options...]     # default 60 seconds
# Exits non-zero on a crash, a leak or a timeout; the input that caused it is written to
# .build-fuzz/crash-* (add it as a test case). Run longer with e.g. scripts/fuzz.sh 3600
# -jobs=2, or keep the grown corpus in .build-fuzz/corpus between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
mkdir -p .build-fuzz/corpus .build-fuzz/seeds
# The fuzz package depends on this repository under the name orgtree.
ln -sfn "$PWD" .build-fuzz/orgtree
(cd Fuzz && swift build -c debug --scratch-path ../.build-fuzz/build --product FuzzDecoder \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library 2>&1 | grep -v "Cannot export local symbol" >&2 || true)
bin=$(cd Fuzz && swift build -c debug --scratch-path ../.build-fuzz/build --show-bin-path)/FuzzDecoder
# Seeds: each file of the sample trees, behind the byte that names its kind.
kinds=(organization.yaml people/ teams/ project.yaml tokens.yaml partner.yaml /people/ assertions/)
n=0
while IFS= read -r -d '' file; do
  kind=1
  case "$file" in
    */organization.yaml) kind=0 ;; */partners/*/people/*) kind=7 ;; */people/*) kind=1 ;; */teams/*) kind=3 ;;
    */project.yaml) kind=4 ;; */tokens.yaml) kind=5 ;; */partner.yaml) kind=6 ;; */assertions/*) kind=8 ;;
  esac
  { printf "\\x$(printf %02x "$kind")"; cat "$file"; } > ".build-fuzz/seeds/seed-$n"
  n=$((n + 1))
done < <(find sample-org examples -name '*.yaml' -print0 | sort -z)
echo "fuzzing for $seconds s from $n seeds (${#kinds[@]} kinds of file)"
"$bin" .build-fuzz/corpus .build-fuzz/seeds -max_total_time="$seconds" -max_len=8192 -timeout=10 \
  -rss_limit_mb=2048 -artifact_prefix=.build-fuzz/ -print_final_stats=1 "$@"
