using System.IO;

namespace MemoGen.Disk;

/// <summary>
/// Where the disk store keeps one key's entry of one function: the key hash (hex), the fan-out folder and the metadata
/// file, beside which the payload files lie. Computed once per operation, from the function's folder and the key hash.
/// </summary>
/// <param name="KeyHash">The stable key hash, as lowercase hex.</param>
/// <param name="Directory">The fan-out folder that holds the entry's files.</param>
/// <param name="MetadataPath">The entry's metadata file, whether or not it exists.</param>
internal readonly record struct EntryPaths(string KeyHash, string Directory, string MetadataPath)
{
    /// <summary>The entry of <paramref name="hash"/> in the function folder <paramref name="functionDirectory"/>.</summary>
    public static EntryPaths For(string functionDirectory, MemoHash128 hash)
    {
        string hex = hash.ToString();
        string directory = DiskLayout.EntryDirectory(functionDirectory, hex);
        return new EntryPaths(hex, directory, Path.Combine(directory, DiskLayout.MetadataName(hex)));
    }

    /// <summary>The entry whose metadata file is <paramref name="metadataPath"/>.</summary>
    public static EntryPaths FromMetadataPath(string metadataPath) =>
        new(Path.GetFileName(metadataPath)[..DiskLayout.HashLength], Path.GetDirectoryName(metadataPath)!, metadataPath);

    /// <summary>The temporary metadata file of the write <paramref name="writeId"/>, renamed over <see cref="MetadataPath"/> to commit.</summary>
    public string TemporaryMetadataPath(string writeId) => Path.Combine(Directory, DiskLayout.TemporaryMetadataName(KeyHash, writeId));

    /// <summary>The path of the payload file <paramref name="name"/> of this entry.</summary>
    public string PayloadPath(string name) => Path.Combine(Directory, name);

    /// <summary>Whether <paramref name="name"/> is a payload file name of this entry (<c>&lt;key hash&gt;.&lt;16 hex&gt;.&lt;ext&gt;</c>).</summary>
    public bool IsPayloadName(string name) => DiskLayout.IsPayloadNameOf(name, KeyHash);
}
