#!/usr/bin/env bash
# Produces artifacts/MemoGen.<version>.nupkg (Release): the runtime in lib/, the source generator and the code fixes in
# analyzers/dotnet/cs.
# Usage: build/pack.sh [version]    (without a version: the <Version> of Directory.Build.props)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

args=(-c Release -o artifacts -p:ContinuousIntegrationBuild=true)
if [ $# -gt 0 ]; then
  args+=("-p:Version=$1")
fi

dotnet pack runtime/MemoGen/MemoGen.csproj "${args[@]}"
