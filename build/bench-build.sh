#!/usr/bin/env bash
# The build cost of MemoGen against [LoggerMessage] (issue 13): writes four console projects into a temp folder
# (300 memoized methods over (int, string, record) in 10 classes and the same methods plain; 300 [LoggerMessage]
# methods and the same methods plain), builds each after touching a source (Release, alternating, RUNS times), and
# prints the median build times, the milliseconds each generator adds per method, and their ratio.
#
#   build/bench-build.sh            RUNS=5 build/bench-build.sh            KEEP=1 build/bench-build.sh (keeps the folder)
#   BASELINE=/path/to/another/checkout build/bench-build.sh   (also builds the memoized project with that checkout's
#                                                             runtime and generator, alternating, and prints its figure)
#   CPU=1 build/bench-build.sh      (times the CPU of each build, user + system, with the compiler in the timed process)
#   SERVER=1 build/bench-build.sh   (wall clock with the compiler server, as a user's build runs; the default takes
#                                    UseSharedCompilation from the environment, which may turn the server off)
#
# The machine this runs on should be quiet: on a shared machine, compare the ratio, not the milliseconds, or use CPU=1.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-3}"
classes=10
methods=30
total=$((classes * methods))
work="$(mktemp -d "${TMPDIR:-/tmp}/memogen-bench-build.XXXXXX")"
[[ "${KEEP:-0}" == 1 ]] || trap 'rm -rf "$work"' EXIT
logging_version="$(sed -n 's/.*Include="Microsoft.Extensions.Logging.Abstractions" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")"

# Keep the repository's MSBuild settings out of the generated projects.
printf '<Project />\n' > "$work/Directory.Build.props"
printf '<Project />\n' > "$work/Directory.Build.targets"
printf '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n' > "$work/Directory.Packages.props"

# project NAME REFERENCES: a console project with the given item group.
project() {
  mkdir -p "$work/$1"
  cat > "$work/$1/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
$2
  </ItemGroup>
</Project>
XML
  printf 'public static class Program { public static void Main() { } }\n' > "$work/$1/Program.cs"
}

memogen_refs="    <ProjectReference Include=\"$repo/runtime/MemoGen/MemoGen.csproj\" />"
logging_refs="    <PackageReference Include=\"Microsoft.Extensions.Logging.Abstractions\" Version=\"$logging_version\" />"
project memoized "$memogen_refs
    <ProjectReference Include=\"$repo/generator/MemoGen.Generator/MemoGen.Generator.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />"
project plain "$memogen_refs"
if [[ -n "${BASELINE:-}" ]]; then
  baseline="$(cd "$BASELINE" && pwd)"
  project memoized_base "    <ProjectReference Include=\"$baseline/runtime/MemoGen/MemoGen.csproj\" />
    <ProjectReference Include=\"$baseline/generator/MemoGen.Generator/MemoGen.Generator.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />"
fi
project logmessage "$logging_refs"
project logplain "$logging_refs"

for p in memoized plain ${BASELINE:+memoized_base}; do
  printf 'namespace BuildCost;\n\npublic sealed record Descriptor(string Name, int Size);\n' > "$work/$p/Descriptor.cs"
done

for ((c = 0; c < classes; c++)); do
  {
    printf 'using MemoGen;\n\nnamespace BuildCost;\n\npublic partial class Context%d(MemoOptions options) : MemoContext(options)\n{\n' "$c"
    for ((m = 0; m < methods; m++)); do
      printf '    [Memoize(Name = "context%d_method%d")]\n    public partial int Method%d(int n, string label, Descriptor descriptor);\n\n' "$c" "$m" "$m"
      printf '    private int Method%dCore(int n, string label, Descriptor descriptor) => n + label.Length + descriptor.Size + %d;\n\n' "$m" "$m"
    done
    printf '}\n'
  } > "$work/memoized/Context$c.cs"
  [[ -z "${BASELINE:-}" ]] || cp "$work/memoized/Context$c.cs" "$work/memoized_base/Context$c.cs"
  {
    printf 'namespace BuildCost;\n\npublic class Context%d\n{\n' "$c"
    for ((m = 0; m < methods; m++)); do
      printf '    public int Method%d(int n, string label, Descriptor descriptor) => n + label.Length + descriptor.Size + %d;\n\n' "$m" "$m"
    done
    printf '}\n'
  } > "$work/plain/Context$c.cs"
  {
    printf 'using Microsoft.Extensions.Logging;\n\nnamespace BuildCost;\n\npublic static partial class Log%d\n{\n' "$c"
    for ((m = 0; m < methods; m++)); do
      printf '    [LoggerMessage(EventId = %d, Level = LogLevel.Information, Message = "Method %d: {N} {Label} {Size}")]\n' "$((c * methods + m))" "$m"
      printf '    public static partial void Method%d(ILogger logger, int n, string label, int size);\n\n' "$m"
    done
    printf '}\n'
  } > "$work/logmessage/Log$c.cs"
  {
    printf 'using Microsoft.Extensions.Logging;\n\nnamespace BuildCost;\n\npublic static class Log%d\n{\n' "$c"
    for ((m = 0; m < methods; m++)); do
      printf '    public static void Method%d(ILogger logger, int n, string label, int size) => logger.Log(LogLevel.Information, new EventId(%d), "Method %d: {N} {Label} {Size}", n, label, size);\n\n' "$m" "$((c * methods + m))" "$m"
    done
    printf '}\n'
  } > "$work/logplain/Log$c.cs"
done

projects=(memoized plain logmessage logplain ${BASELINE:+memoized_base})
echo "Restoring and building each project once (not timed) in $work ..."
for p in "${projects[@]}"; do
  dotnet build "$work/$p/$p.csproj" -c Release -nologo -v q > "$work/$p.warmup.log" 2>&1 \
    || { echo "the $p project does not build; see $work/$p.warmup.log"; KEEP=1; trap - EXIT; exit 1; }
done

declare -A times
for ((r = 1; r <= runs; r++)); do
  for p in "${projects[@]}"; do
    touch "$work/$p/Program.cs"
    if [[ "${CPU:-0}" == 1 ]]; then
      /usr/bin/time -f '%U %S' -o "$work/$p.time" dotnet build "$work/$p/$p.csproj" -c Release --no-restore --no-dependencies \
        -nologo -v q -p:UseSharedCompilation=false > "$work/$p.log" 2>&1
      times[$p]+="$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/$p.time") "
    else
      start=$(date +%s%N)
      dotnet build "$work/$p/$p.csproj" -c Release --no-restore --no-dependencies -nologo -v q \
        ${SERVER:+-p:UseSharedCompilation=true} > "$work/$p.log" 2>&1
      times[$p]+="$(( ($(date +%s%N) - start) / 1000000 )) "
    fi
  done
  echo "run $r/$runs: memoized $(awk "{ print \$NF }" <<< "${times[memoized]}") ms"
done

median() { tr ' ' '\n' <<< "$1" | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
for p in "${projects[@]}"; do
  printf '%-11s median %6s ms  (runs: %s)\n' "$p" "$(median "${times[$p]}")" "${times[$p]}"
done

awk -v mm="$(median "${times[memoized]}")" -v mp="$(median "${times[plain]}")" \
    -v lm="$(median "${times[logmessage]}")" -v lp="$(median "${times[logplain]}")" -v n="$total" 'BEGIN {
  memo = (mm - mp) / n; log_ = (lm - lp) / n
  printf "[Memoize]       adds %.2f ms per method (%d methods)\n", memo, n
  printf "[LoggerMessage] adds %.2f ms per method\n", log_
  if (log_ > 0) printf "ratio %.1fx (target: at most 4x)\n", memo / log_; else print "ratio: [LoggerMessage] added nothing measurable"
}'
if [[ -n "${BASELINE:-}" ]]; then
  awk -v mb="$(median "${times[memoized_base]}")" -v mp="$(median "${times[plain]}")" \
      -v lm="$(median "${times[logmessage]}")" -v lp="$(median "${times[logplain]}")" -v n="$total" 'BEGIN {
    memo = (mb - mp) / n; log_ = (lm - lp) / n
    printf "[Memoize] of BASELINE adds %.2f ms per method", memo
    if (log_ > 0) printf " (ratio %.1fx)", memo / log_
    printf "\n"
  }'
fi
