#!/usr/bin/env bash
# The cost of the first disk hits in a fresh process, as a user's second run pays it: for each run, a new process times
# (with a Stopwatch, inside) its first disk hit, then the first hit of another function, then another key of the
# first function. Runs the app twice over, alternating: with the IL-only MemoGen.dll of a project reference, and with
# the ReadyToRun image the package ships (build/ready-to-run.sh). Prints each column's median in milliseconds.
#
# With BASELINE set to another MemoGen.dll (such as main's ReadyToRun image, from build/ready-to-run.sh in its
# worktree), a third side runs the same app with that image, alternating with the other two: before and after a change.
#
# Usage: [BASELINE=<MemoGen.dll>] build/bench-first-hit.sh [runs, default 11] [first: packed (MemoryPack record), json (plain record) or raw (small ReadOnlyMemory<double>), default packed]
set -euo pipefail

RUNS="${1:-11}"
FIRST="${2:-packed}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/build/bench-common.sh"
OUT="$(mktemp -d)"
WORK="$(mktemp -d)"
trap 'rm -rf "$OUT" "$WORK"' EXIT
build_bench_app "$OUT/il"
cp -r "$OUT/il" "$OUT/r2r"
cp "$("$ROOT/build/ready-to-run.sh" "$WORK/image")" "$OUT/r2r/MemoGen.dll"
SIDES="il r2r"
if [[ -n "${BASELINE:-}" ]]; then
  cp -r "$OUT/il" "$OUT/base"
  cp "$BASELINE" "$OUT/base/MemoGen.dll"
  SIDES="base il r2r"
fi

"$OUT/il/MemoGen.Benchmarks.Joblib" firsthit-prepare "$WORK/cache"
uptime
for _ in $(seq "$RUNS"); do
  for side in $SIDES; do
    "$OUT/$side/MemoGen.Benchmarks.Joblib" "firsthit-$FIRST" "$WORK/cache" >>"$WORK/$side"
  done
done

uptime
for side in $SIDES; do
  printf '%s: first disk hit (%s)\t%s ms\n' "$side" "$FIRST" "$(cut -f1 "$WORK/$side" | median)"
  printf '%s: first hit of another function\t%s ms\n' "$side" "$(cut -f2 "$WORK/$side" | median)"
  printf '%s: another key of the first\t%s ms\n' "$side" "$(cut -f3 "$WORK/$side" | median)"
  printf '%s: JIT during the first hit\t%s ms, %s methods\n' "$side" "$(cut -f4 "$WORK/$side" | median)" "$(cut -f5 "$WORK/$side" | median)"
  printf '%s: JIT during the other function'"'"'s hit\t%s ms, %s methods\n' "$side" "$(cut -f6 "$WORK/$side" | median)" "$(cut -f7 "$WORK/$side" | median)"
done
