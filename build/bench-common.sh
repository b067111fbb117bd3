# Shared by build/bench-joblib.sh and build/bench-first-hit.sh (sourced, not run).

# Builds tests/MemoGen.Benchmarks.Joblib in Release into the folder $1; prints the build's errors and fails if it fails.
build_bench_app() {
  local out="$1" log
  log="$(mktemp)"
  if ! dotnet build "$ROOT/tests/MemoGen.Benchmarks.Joblib/MemoGen.Benchmarks.Joblib.csproj" -c Release -o "$out" -v quiet -nologo >"$log" 2>&1; then
    grep -E 'error' "$log" >&2 || cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
