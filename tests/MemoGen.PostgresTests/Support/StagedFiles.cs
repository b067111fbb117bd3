using System.IO;
using System.Linq;
using MemoGen.Postgres;

namespace MemoGen.PostgresTests.Support;

/// <summary>The files of a shared tier's staging folder, on disk and held in memory (small staged files are).</summary>
internal static class StagedFiles
{
    /// <summary>The full paths of every staged file of <paramref name="options"/>' shared tier.</summary>
    public static string[] Of(MemoOptions options)
    {
        string root = ((PostgresSharedTier)options.SharedTier!).StagingDirectory!;
        return Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Prepend(root)
            .SelectMany(directory => options.FileSystem.ListFiles(directory))
            .Select(file => file.Path)
            .ToArray();
    }
}
