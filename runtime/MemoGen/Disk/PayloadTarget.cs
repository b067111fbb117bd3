using System.IO;

namespace MemoGen.Disk;

/// <summary>Where a codec writes a new payload: the entry's folder, its key, and the write's id.</summary>
/// <param name="FileSystem">The I/O seam.</param>
/// <param name="Directory">The entry's fan-out folder.</param>
/// <param name="Key">The entry's key hash.</param>
/// <param name="WriteId">The id that makes this write's file names unique.</param>
internal readonly record struct PayloadTarget(IMemoFileSystem FileSystem, string Directory, MemoHash128 Key, string WriteId)
{
    /// <summary>The path of this write's payload file with <paramref name="extension"/>.</summary>
    public string PathOf(string extension) => Path.Combine(Directory, DiskLayout.PayloadName(Key.ToString(), WriteId, extension));
}
