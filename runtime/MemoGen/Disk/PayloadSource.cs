using System.IO;

namespace MemoGen.Disk;

/// <summary>Where a codec reads a payload from.</summary>
/// <param name="FileSystem">The I/O seam.</param>
/// <param name="Directory">The entry's fan-out folder.</param>
/// <param name="Key">The entry's key hash.</param>
/// <param name="MappedViews">Where the context keeps the views of mapped payloads; <see langword="null"/> when a raw payload is read, never mapped.</param>
/// <param name="Function">The function whose entry it is: a loaded array's provenance names it (<see cref="Hashing.MemoProvenance"/>).</param>
internal readonly record struct PayloadSource(IMemoFileSystem FileSystem, string Directory, MemoHash128 Key, MappedViews? MappedViews, Infrastructure.MemoFunction Function)
{
    /// <summary>The path of a payload file the metadata names (a name <see cref="DiskLayout.IsPayloadNameOf"/> accepted).</summary>
    public string PathOf(PayloadFile file) => Path.Combine(Directory, file.Name);
}
