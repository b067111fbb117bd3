#!/usr/bin/env bash
# The cost of the first disk hits in a fresh process, as a user's second run pays it: for each run, a new process times
# (with a Stopwatch, inside) its first disk hit, then the first hit of another function, then another key of the
# first function. Runs the app twice over, alternating: with the IL-only MemoGen.dll of a project reference, and with
# the ReadyToRun image the package ships (build/ready-to-run.sh). Prints each column's median in milliseconds.
#
# A "floor" side runs the same three hits in a hand-written cache without MemoGen (FirstHitFloor: a dictionary per
# function, an XXH3-128 key hash, one file read a miss), alternating with the others; each MemoGen column is also
# printed as a ratio to it (the floor serves the raw run's functions: a small array of doubles, then a string).
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
SIDES="floor il r2r"
if [[ -n "${BASELINE:-}" ]]; then
  cp -r "$OUT/il" "$OUT/base"
  cp "$BASELINE" "$OUT/base/MemoGen.dll"
  SIDES="floor base il r2r"
fi

"$OUT/il/MemoGen.Benchmarks.Joblib" firsthit-prepare "$WORK/cache"
uptime
for _ in $(seq "$RUNS"); do
  for side in $SIDES; do
    if [[ "$side" == floor ]]; then
      "$OUT/il/MemoGen.Benchmarks.Joblib" firsthit-floor "$WORK/cache" >>"$WORK/$side"
    else
      "$OUT/$side/MemoGen.Benchmarks.Joblib" "firsthit-$FIRST" "$WORK/cache" >>"$WORK/$side"
    fi
  done
done

uptime
# The first two columns of side $1 added up, a run a line: a one-time cost of the process lands in whichever of the
# first two hits touches it first (the floor pays one in its second hit that MemoGen pays in its first), not out of
# their sum.
first_two() { awk -F'\t' '{ print $1 + $2 }' "$WORK/$1"; }

# The median of column $2 of side $1 (or of both first hits, for "1+2"), and its ratio to the floor's.
column() {
  local value floor
  if [[ "$2" == 1+2 ]]; then
    value="$(first_two "$1" | median)"
    floor="$(first_two floor | median)"
  else
    value="$(cut -f"$2" "$WORK/$1" | median)"
    floor="$(cut -f"$2" "$WORK/floor" | median)"
  fi
  if [[ "$1" == floor ]]; then
    printf '%s ms' "$value"
  else
    printf '%s ms, %s x the floor' "$value" "$(awk -v v="$value" -v f="$floor" 'BEGIN { printf "%.2f", v / f }')"
  fi
}

for side in $SIDES; do
  kind="$FIRST"
  [[ "$side" == floor ]] && kind=raw
  printf '%s: first disk hit (%s)\t%s\n' "$side" "$kind" "$(column "$side" 1)"
  printf '%s: first hit of another function\t%s\n' "$side" "$(column "$side" 2)"
  printf '%s: both first hits together\t%s\n' "$side" "$(column "$side" 1+2)"
  printf '%s: another key of the first\t%s\n' "$side" "$(column "$side" 3)"
  printf '%s: JIT during the first hit\t%s ms, %s methods\n' "$side" "$(cut -f4 "$WORK/$side" | median)" "$(cut -f5 "$WORK/$side" | median)"
  printf '%s: JIT during the other function'"'"'s hit\t%s ms, %s methods\n' "$side" "$(cut -f6 "$WORK/$side" | median)" "$(cut -f7 "$WORK/$side" | median)"
done
