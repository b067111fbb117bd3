#!/usr/bin/env bash
# Memory hits now against an earlier revision, in one run (issue 9's "no regression over 5%"). Builds
# tests/MemoGen.Benchmarks in Release twice, from this checkout and from REVISION (a temporary worktree, given this
# checkout's HitBenchmarks.cs so that both sides run the same benchmarks), then alternates the two sides ROUNDS times,
# each a BenchmarkDotNet run of LAUNCHES fresh processes. A hit's time moves with each process's code and stack
# placement by more than the difference looked for, so the figure is the median over all launches of each launch's
# mean, not one run's mean.
#
#   [BENCHMARKS="GeneratedTwoInts ..."] build/bench-hit.sh [REVISION, default e9e5ac7: before issue 9] [LAUNCHES, default 6] [ROUNDS, default 2]
#
# Prints, per benchmark, the median ns of each side, the ratio now / REVISION, and the quartiles of the launch means.
set -euo pipefail

REVISION="${1:-e9e5ac7}"
LAUNCHES="${2:-6}"
ROUNDS="${3:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/build/bench-common.sh"
WORK="$(mktemp -d)"
BASE="$WORK/base"
trap 'git -C "$ROOT" worktree remove --force "$BASE" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

git -C "$ROOT" worktree add --detach "$BASE" "$REVISION" >/dev/null 2>&1
cp "$ROOT/tests/MemoGen.Benchmarks/HitBenchmarks.cs" "$BASE/tests/MemoGen.Benchmarks/HitBenchmarks.cs"
for side in "$ROOT" "$BASE"; do
  dotnet build "$side/tests/MemoGen.Benchmarks/MemoGen.Benchmarks.csproj" -c Release -v quiet -nologo >"$WORK/build.log" 2>&1 \
    || { grep -E 'error' "$WORK/build.log" >&2; exit 1; }
done

read -r -a benchmarks <<<"${BENCHMARKS:-HandWrittenGetOrAdd GeneratedTwoInts GeneratedTwoIntsVariableArguments GeneratedRecord}"
filters=()
for b in "${benchmarks[@]}"; do filters+=("*.HitBenchmarks.$b"); done

# launch_means LOG: "benchmark mean" for each launch in a BenchmarkDotNet log (the mean of its WorkloadResult lines).
launch_means() {
  awk '/^\/\/ Benchmark: HitBenchmarks\./ { split($3, a, "[.:]"); bench = a[2] }
       /^\/\/ Launch: / { launch = $3 }
       /^WorkloadResult/ { key = bench " " launch; sum[key] += $(NF - 1); n[key]++ }
       END { for (k in sum) { split(k, p, " "); print p[1], sum[k] / n[k] } }' "$1"
}

for round in $(seq "$ROUNDS"); do
  for side in now base; do
    dir="$ROOT"; [[ "$side" == base ]] && dir="$BASE"
    (cd "$dir/tests/MemoGen.Benchmarks" &&
      dotnet bin/Release/net10.0/MemoGen.Benchmarks.dll --filter "${filters[@]}" --job short --launchCount "$LAUNCHES" --buildTimeout 900 \
        --artifacts "$WORK/$side-$round" >"$WORK/run.log" 2>&1) || { tail -30 "$WORK/run.log" >&2; exit 1; }
    launch_means "$(ls "$WORK/$side-$round"/*.log)" >>"$WORK/$side.means"
    [[ -s "$WORK/$side.means" ]] || { echo "no measurements in the $side run:" >&2; tail -30 "$WORK/run.log" >&2; exit 1; }
    echo "round $round, $side: done ($(cut -d' ' -f1 /proc/loadavg) load)" >&2
  done
done

quartile() { sort -g | awk -v q="$1" '{ v[NR] = $1 } END { i = 1 + int(q * (NR - 1) + 0.5); print v[i] }'; }
printf '%-36s %10s %10s %8s   %s\n' benchmark "now ns" "$REVISION ns" ratio "quartiles of launch means (now | base)"
for b in "${benchmarks[@]}"; do
  now="$(awk -v b="$b" '$1 == b { print $2 }' "$WORK/now.means")"
  base="$(awk -v b="$b" '$1 == b { print $2 }' "$WORK/base.means")"
  mn="$(median <<<"$now")"; mb="$(median <<<"$base")"
  printf '%-36s %10.3f %10.3f %8.3f   %.2f-%.2f | %.2f-%.2f\n' "$b" "$mn" "$mb" "$(awk -v a="$mn" -v c="$mb" 'BEGIN { print a / c }')" \
    "$(quartile 0.25 <<<"$now")" "$(quartile 0.75 <<<"$now")" "$(quartile 0.25 <<<"$base")" "$(quartile 0.75 <<<"$base")"
done
echo "launch means, sorted (now | base):"
for b in "${benchmarks[@]}"; do
  echo "  $b: $(awk -v b="$b" '$1 == b { printf "%.2f\n", $2 }' "$WORK/now.means" | sort -g | tr '\n' ' ')| $(awk -v b="$b" '$1 == b { printf "%.2f\n", $2 }' "$WORK/base.means" | sort -g | tr '\n' ' ')"
done
