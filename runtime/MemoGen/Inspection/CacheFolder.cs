using System;
using System.Collections.Generic;
using System.IO;
using MemoGen.Disk;

namespace MemoGen.Inspection;

/// <summary>
/// A disk store folder opened for inspection (the <c>memogen</c> tool): its function folders and their committed
/// entries. Everything goes through <see cref="IMemoFileSystem"/>, which lists no linked folder and opens no linked
/// file, so nothing outside the folder is ever read, written or deleted through a symbolic link inside it.
/// </summary>
internal sealed class CacheFolder
{
    private CacheFolder(string root, IMemoFileSystem fileSystem)
    {
        Root = root;
        FileSystem = fileSystem;
    }

    /// <summary>The folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The I/O seam.</summary>
    public IMemoFileSystem FileSystem { get; }

    /// <summary>
    /// Opens <paramref name="path"/> if it is a MemoGen cache: it exists, holds at least one function folder, and
    /// holds only function folders, each of which holds only fan-out folders (two lowercase hex digits). Symbolic links
    /// are left out of that judgement and of everything else. Throws <see cref="NotACacheException"/> otherwise, before
    /// anything is touched.
    /// </summary>
    public static CacheFolder Open(string path, IMemoFileSystem? fileSystem = null)
    {
        fileSystem ??= PhysicalFileSystem.Instance;
        string root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new NotACacheException($"'{root}' does not exist or is not a folder.");
        }

        string? stray = FirstRealFile(fileSystem, root);
        if (stray is not null)
        {
            throw new NotACacheException($"'{root}' is not a MemoGen cache: it holds the file '{stray}', and a cache holds only function folders.");
        }

        IReadOnlyList<string> functions = fileSystem.ListDirectories(root);
        if (functions.Count == 0)
        {
            throw new NotACacheException($"'{root}' is not a MemoGen cache: it holds no function folders.");
        }

        foreach (string function in functions)
        {
            string? strayFile = FirstRealFile(fileSystem, function);
            string? strayFolder = null;
            foreach (string child in fileSystem.ListDirectories(function))
            {
                if (!IsFanOut(Path.GetFileName(child)))
                {
                    strayFolder = Path.GetFileName(child);
                    break;
                }
            }

            if ((strayFile ?? strayFolder) is { } name)
            {
                throw new NotACacheException(
                    $"'{root}' is not a MemoGen cache: '{Path.GetFileName(function)}' holds '{name}', and a function folder holds only folders named by two hex digits.");
            }
        }

        return new CacheFolder(root, fileSystem);
    }

    /// <summary>The names of the function folders, sorted.</summary>
    public List<string> FunctionFolders()
    {
        var names = new List<string>();
        foreach (string directory in FileSystem.ListDirectories(Root))
        {
            names.Add(Path.GetFileName(directory));
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// The folder of a function given by its cache name (as <c>[Memoize(Name = ...)]</c> says) or by its folder name;
    /// <see langword="null"/> if the cache has none.
    /// </summary>
    public string? FindFunctionFolder(string name)
    {
        List<string> folders = FunctionFolders();
        string byCacheName = DiskLayout.FolderName(name);
        foreach (string candidate in (string[])[byCacheName, name])
        {
            if (folders.Contains(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The committed entries of a function folder (those with a metadata file), by key hash.</summary>
    public IReadOnlyList<InspectedEntry> Entries(string functionFolder)
    {
        var entries = new List<InspectedEntry>();
        foreach (string directory in FileSystem.ListDirectories(Path.Combine(Root, functionFolder)))
        {
            if (!IsFanOut(Path.GetFileName(directory)))
            {
                continue;
            }

            var groups = new Dictionary<string, List<MemoFileEntry>>(StringComparer.Ordinal);
            foreach (MemoFileEntry file in FileSystem.ListFiles(directory))
            {
                if (DiskLayout.TryGetEntryHash(file.Name, out string hash) && !file.Name.EndsWith(DiskLayout.TemporarySuffix, StringComparison.Ordinal))
                {
                    if (!groups.TryGetValue(hash, out List<MemoFileEntry>? group))
                    {
                        groups[hash] = group = [];
                    }

                    group.Add(file);
                }
            }

            foreach ((string hash, List<MemoFileEntry> files) in groups)
            {
                int metadataAt = files.FindIndex(file => file.Name == DiskLayout.MetadataName(hash));
                if (metadataAt < 0)
                {
                    continue;
                }

                MemoFileEntry metadata = files[metadataAt];
                files.RemoveAt(metadataAt);
                files.Insert(0, metadata);
                entries.Add(new InspectedEntry(functionFolder, hash, metadata, files));
            }
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.Hash, b.Hash));
        return entries;
    }

    /// <summary>
    /// Reads an entry's metadata with its descriptions for people. Throws <see cref="InvalidEntryException"/> when it
    /// is not metadata this runtime can use (a link, too long, unparsable), <see cref="IOException"/> when it cannot be read.
    /// </summary>
    public EntryMetadata ReadMetadata(InspectedEntry entry)
    {
        using IMemoReadableFile file = FileSystem.OpenRead(entry.Metadata.Path);
        if (file.Length > EntryMetadataJson.MaxLength)
        {
            throw new InvalidEntryException($"the metadata file has {file.Length} bytes, more than any this runtime writes");
        }

        byte[] bytes = new byte[file.Length];
        RawPayloadIO.ReadExactly(file, bytes, 0);
        return EntryMetadataJson.Read(bytes, descriptions: true);
    }

    /// <summary>Removes an entry: its metadata first, so it is never seen half-removed, then its other files.</summary>
    public void Remove(InspectedEntry entry)
    {
        foreach (MemoFileEntry file in entry.Files)
        {
            FileSystem.Delete(file.Path);
        }
    }

    /// <summary>Removes every entry of a function folder; returns how many.</summary>
    public long Clear(string functionFolder) => DiskPruner.ClearFunction(FileSystem, Path.Combine(Root, functionFolder));

    /// <summary>Removes entries unused for longer than the limits' age, then the least recently used ones until the rest fits.</summary>
    public DiskPruneResult Prune(DiskLimits limits, DateTime nowUtc) =>
        new DiskPruner(FileSystem, Root, limits, new Dictionary<string, TimeSpan>(), TimeSpan.FromHours(1), nowUtc).Prune();

    private static bool IsFanOut(string name) => name.Length == 2 && char.IsAsciiHexDigitLower(name[0]) && char.IsAsciiHexDigitLower(name[1]);

    private static string? FirstRealFile(IMemoFileSystem fileSystem, string directory)
    {
        foreach (MemoFileEntry file in fileSystem.ListFiles(directory))
        {
            if (new FileInfo(file.Path).LinkTarget is null)
            {
                return file.Name;
            }
        }

        return null;
    }
}
