using System.Linq;
using System.Reflection;

namespace MemoGen.PackageTests.Infrastructure;

/// <summary>Where the sources this test assembly was built from live.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static attribute => attribute.Key == "RepoRoot")
        .Value!;
}
