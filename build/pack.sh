#!/usr/bin/env bash
# Produces artifacts/MemoGen.<version>.nupkg (Release): the runtime in lib/, the source generator and the code fixes in
# analyzers/dotnet/cs. The runtime is ReadyToRun-compiled for linux-x64 (build/ready-to-run.sh): its IL stays in the
# dll, so it runs everywhere, and on linux-x64 its shared code starts without being JIT-compiled.
# Usage: build/pack.sh [version]    (without a version: the <Version> of Directory.Build.props)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

props=(-p:ContinuousIntegrationBuild=true)
if [ $# -gt 0 ]; then
  props+=("-p:Version=$1")
fi

image="$(build/ready-to-run.sh artifacts/ready-to-run "${props[@]}")"
dotnet pack runtime/MemoGen/MemoGen.csproj -c Release -o artifacts "${props[@]}" "-p:ReadyToRunImage=$image"
