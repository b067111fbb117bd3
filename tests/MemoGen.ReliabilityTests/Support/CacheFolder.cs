using System;
using System.IO;
using System.Linq;

namespace MemoGen.ReliabilityTests.Support;

/// <summary>Looks at a cache folder from outside the store.</summary>
internal static class CacheFolder
{
    /// <summary>Committed entries: metadata files.</summary>
    public static int Entries(string root) => Directory.GetFiles(root, "*.meta.json", SearchOption.AllDirectories).Length;

    /// <summary>Files that belong to no committed entry: temporary files, and payloads no metadata file names.</summary>
    public static (int Files, long Bytes) Uncommitted(string root)
    {
        string[] all = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        string metadata = string.Join('\n', all.Where(f => f.EndsWith(".meta.json", StringComparison.Ordinal)).Select(File.ReadAllText));
        var uncommitted = all.Where(f => !f.EndsWith(".meta.json", StringComparison.Ordinal) && !metadata.Contains(Path.GetFileName(f), StringComparison.Ordinal)).ToArray();
        return (uncommitted.Length, uncommitted.Sum(f => new FileInfo(f).Length));
    }
}
