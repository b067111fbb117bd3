#!/usr/bin/env bash
# The cost of the first disk hits in a fresh process, as a user's second run pays it: for each run, a new process times
# (with a Stopwatch, inside) its first disk hit, then the first hit of another function, then another key of the
# first function. Prints each column's median in milliseconds.
#
# Usage: build/bench-first-hit.sh [runs, default 11] [first: packed (MemoryPack record) or json (plain record), default packed]
set -euo pipefail

RUNS="${1:-11}"
FIRST="${2:-packed}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/build/bench-common.sh"
OUT="$(mktemp -d)"
WORK="$(mktemp -d)"
trap 'rm -rf "$OUT" "$WORK"' EXIT
build_bench_app "$OUT"

"$OUT/MemoGen.Benchmarks.Joblib" firsthit-prepare "$WORK/cache"
for _ in $(seq "$RUNS"); do
  "$OUT/MemoGen.Benchmarks.Joblib" "firsthit-$FIRST" "$WORK/cache"
done >"$WORK/times"

printf 'first disk hit (%s)\t%s ms\n' "$FIRST" "$(cut -f1 "$WORK/times" | median)"
printf 'first hit of another function\t%s ms\n' "$(cut -f2 "$WORK/times" | median)"
printf 'another key of the first\t%s ms\n' "$(cut -f3 "$WORK/times" | median)"
