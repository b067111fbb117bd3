#!/usr/bin/env bash
# Times the same jobs in MemoGen and in joblib as whole processes (a user's program that starts, answers and exits),
# alternating the two, and prints each side's median and the ratio MemoGen / joblib (below 1: MemoGen is faster).
#
# Jobs (256 MB of doubles by default):
#   write   first run: compute and store the array (timed from an empty cache folder each time)
#   load    second run: the array read back into memory
#   mmap    second run: the array memory-mapped (MmapMode.ReadOnly / mmap_mode='r')
#   arghit  second run: the array loaded, then a hit of a function called with it (the key of a 256 MB argument)
#   small   second run: a hit of a function returning a small record / dict
#
# Usage: build/bench-joblib.sh [runs per side, default 7] [megabytes, default 256] [jobs, default all]
# Installs Debian's python3-joblib and python3-numpy with apt-get if /usr/bin/python3 lacks them.
set -euo pipefail

RUNS="${1:-7}"
MEGABYTES="${2:-256}"
JOBS="${3:-write load mmap arghit small}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON=/usr/bin/python3

if ! "$PYTHON" -c 'import joblib, numpy' 2>/dev/null; then
  echo "Installing python3-joblib and python3-numpy with apt-get..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-joblib python3-numpy >/dev/null
fi

source "$ROOT/build/bench-common.sh"
OUT="$(mktemp -d)"
WORK="$(mktemp -d)"
trap 'rm -rf "$OUT" "$WORK"' EXIT
build_bench_app "$OUT"
MEMOGEN="$OUT/MemoGen.Benchmarks.Joblib"

memogen() { "$MEMOGEN" "$1" "$WORK/memogen" "$MEGABYTES" >/dev/null; }
joblib() { "$PYTHON" -W ignore "$ROOT/build/bench_joblib.py" "$1" "$WORK/joblib" "$MEGABYTES" >/dev/null; }

# Seconds taken by one run of "$@", to the microsecond.
seconds() {
  local start end
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f\n", (e - s) / 1e9 }'
}

# Fills both caches once, so that every job but "write" times a second run.
prepare() {
  rm -rf "$WORK/memogen" "$WORK/joblib"
  memogen arghit
  joblib arghit
  memogen small
  joblib small
}

prepare
printf '%-8s %12s %12s %8s   (%s runs each, %s MB, medians)\n' job "MemoGen s" "joblib s" ratio "$RUNS" "$MEGABYTES"
for job in $JOBS; do
  : >"$WORK/m.txt"; : >"$WORK/j.txt"
  for ((run = 0; run < RUNS; run++)); do
    # Alternate which side goes first, so neither always runs right after the other's page-cache traffic.
    for side in $([ $((run % 2)) -eq 0 ] && echo "memogen joblib" || echo "joblib memogen"); do
      if [ "$job" = write ]; then rm -rf "$WORK/$side"; fi
      seconds "$side" "$job" >>"$WORK/${side:0:1}.txt"
    done
  done
  if [ "$job" = write ]; then prepare; fi
  m=$(median <"$WORK/m.txt"); j=$(median <"$WORK/j.txt")
  printf '%-8s %12.3f %12.3f %8.2f\n' "$job" "$m" "$j" "$(awk -v m="$m" -v j="$j" 'BEGIN { print m / j }')"
done
