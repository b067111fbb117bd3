#!/usr/bin/env bash
# Compiles the runtime (runtime/MemoGen, Release) ReadyToRun for linux-x64 into the folder $1 and prints the path of
# the compiled MemoGen.dll. The image keeps its IL: other platforms JIT-compile it as usual, linux-x64 runs the
# precompiled code of everything that is not generic over a user's type. Used by build/pack.sh and the benchmark scripts.
# Usage: build/ready-to-run.sh <folder> [extra msbuild arguments, e.g. -p:Version=...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"
shift
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet publish "$root/runtime/MemoGen/MemoGen.csproj" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$out" -nologo -v quiet "$@" >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
echo "$(cd "$out" && pwd)/MemoGen.dll"
