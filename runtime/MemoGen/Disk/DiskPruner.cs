using System;
using System.Collections.Generic;
using System.IO;

namespace MemoGen.Disk;

/// <summary>
/// Size management of a disk store (joblib's <c>reduce_size</c>): removes expired entries, entries unused for longer
/// than <see cref="DiskLimits.MaxAge"/>, then least recently used entries until the store is within
/// <see cref="DiskLimits.MaxEntries"/> and <see cref="DiskLimits.MaxBytes"/>. An entry's last use is its metadata file's
/// last write time, which every load refreshes. Also removes files that no entry uses once they are older than a grace
/// period: what a crashed writer left, and payloads replaced by a concurrent writer.
/// </summary>
internal sealed class DiskPruner(
    IMemoFileSystem fileSystem,
    string root,
    DiskLimits limits,
    IReadOnlyDictionary<string, TimeSpan> expiries,
    TimeSpan gracePeriod,
    DateTime nowUtc)
{
    /// <summary>Prunes the whole store.</summary>
    public DiskPruneResult Prune()
    {
        var expiryByFolder = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, TimeSpan> expiry in expiries)
        {
            expiryByFolder[DiskLayout.FolderName(expiry.Key)] = expiry.Value;
        }

        var entries = new List<Entry>();
        foreach (string functionDirectory in fileSystem.ListDirectories(root))
        {
            TimeSpan? expiry = expiryByFolder.TryGetValue(Path.GetFileName(functionDirectory), out TimeSpan maxAge) ? maxAge : null;
            foreach (string directory in FanOutDirectories(fileSystem, functionDirectory))
            {
                CollectEntries(directory, expiry, entries);
            }
        }

        long removedEntries = 0, removedBytes = 0, keptBytes = 0;
        var kept = new List<Entry>(entries.Count);
        foreach (Entry entry in entries)
        {
            bool expired = entry.ExpiresUtc < nowUtc || (limits.MaxAge is { } age && entry.LastUseUtc < nowUtc - age);
            if (expired && Remove(entry))
            {
                removedEntries++;
                removedBytes += entry.Bytes;
            }
            else if (!expired)
            {
                kept.Add(entry);
                keptBytes += entry.Bytes;
            }
        }

        kept.Sort(static (a, b) => a.LastUseUtc.CompareTo(b.LastUseUtc));
        long keptEntries = kept.Count;
        foreach (Entry entry in kept)
        {
            if (keptEntries <= (limits.MaxEntries ?? long.MaxValue) && keptBytes <= (limits.MaxBytes ?? long.MaxValue))
            {
                break;
            }

            if (Remove(entry))
            {
                removedEntries++;
                removedBytes += entry.Bytes;
            }

            keptEntries--;
            keptBytes -= entry.Bytes;
        }

        return new DiskPruneResult(removedEntries, removedBytes, keptEntries, keptBytes);
    }

    /// <summary>
    /// Removes every entry in a function's folder, metadata first so no entry is seen half-removed; returns how many.
    /// Temporary files are left to their writers (and to pruning).
    /// </summary>
    public static long ClearFunction(IMemoFileSystem fileSystem, string functionDirectory)
    {
        long removed = 0;
        foreach (string directory in FanOutDirectories(fileSystem, functionDirectory))
        {
            IReadOnlyList<MemoFileEntry> files = fileSystem.ListFiles(directory);
            foreach (MemoFileEntry file in files)
            {
                if (file.Name.EndsWith(DiskLayout.MetadataSuffix, StringComparison.Ordinal))
                {
                    fileSystem.Delete(file.Path);
                    removed++;
                }
            }

            foreach (MemoFileEntry file in files)
            {
                if (!file.Name.EndsWith(DiskLayout.MetadataSuffix, StringComparison.Ordinal)
                    && !file.Name.EndsWith(DiskLayout.TemporarySuffix, StringComparison.Ordinal))
                {
                    fileSystem.Delete(file.Path);
                }
            }
        }

        return removed;
    }

    private static IEnumerable<string> FanOutDirectories(IMemoFileSystem fileSystem, string functionDirectory)
    {
        foreach (string directory in fileSystem.ListDirectories(functionDirectory))
        {
            string name = Path.GetFileName(directory);
            if (name.Length == 2 && char.IsAsciiHexDigitLower(name[0]) && char.IsAsciiHexDigitLower(name[1]))
            {
                yield return directory;
            }
        }
    }

    private void CollectEntries(string directory, TimeSpan? expiry, List<Entry> entries)
    {
        var groups = new Dictionary<string, List<MemoFileEntry>>(StringComparer.Ordinal);
        foreach (MemoFileEntry file in fileSystem.ListFiles(directory))
        {
            if (!DiskLayout.TryGetEntryHash(file.Name, out string hash))
            {
                continue;
            }

            if (!groups.TryGetValue(hash, out List<MemoFileEntry>? group))
            {
                groups[hash] = group = [];
            }

            group.Add(file);
        }

        DateTime graceLimit = nowUtc - gracePeriod;
        foreach ((string hash, List<MemoFileEntry> files) in groups)
        {
            MemoFileEntry? metadata = null;
            int payloads = 0;
            foreach (MemoFileEntry file in files)
            {
                if (file.Name == DiskLayout.MetadataName(hash))
                {
                    metadata = file;
                }
                else if (file.Name.EndsWith(DiskLayout.TemporarySuffix, StringComparison.Ordinal))
                {
                    DeleteIfOlder(file, graceLimit);
                }
                else
                {
                    payloads++;
                }
            }

            if (metadata is not { } committed)
            {
                foreach (MemoFileEntry file in files)
                {
                    DeleteIfOlder(file, graceLimit);
                }

                continue;
            }

            EntryMetadata? parsed = payloads > 1 || expiry is not null ? TryRead(committed.Path) : null;
            var live = new List<MemoFileEntry> { committed };
            long bytes = committed.Length;
            foreach (MemoFileEntry file in files)
            {
                if (file.Name == committed.Name || file.Name.EndsWith(DiskLayout.TemporarySuffix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (parsed is not null && !Lists(parsed, file.Name))
                {
                    DeleteIfOlder(file, graceLimit);
                    continue;
                }

                live.Add(file);
                bytes += file.Length;
            }

            DateTime expires = expiry is { } maxAge && parsed is not null ? parsed.CreatedUtc + maxAge : DateTime.MaxValue;
            if (expiry is not null && parsed is null)
            {
                // Unreadable metadata: the entry is bad anyway.
                expires = DateTime.MinValue;
            }

            entries.Add(new Entry(live, bytes, committed.LastWriteTimeUtc, expires));
        }
    }

    private EntryMetadata? TryRead(string path)
    {
        try
        {
            using IMemoReadableFile file = fileSystem.OpenRead(path);
            if (file.Length > EntryMetadataJson.MaxLength)
            {
                return null;
            }

            byte[] bytes = new byte[file.Length];
            RawPayloadIO.ReadExactly(file, bytes, 0);
            return EntryMetadataJson.Read(bytes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidEntryException)
        {
            return null;
        }
    }

    private static bool Lists(EntryMetadata metadata, string name)
    {
        foreach (PayloadFile file in metadata.Files)
        {
            if (file.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private void DeleteIfOlder(MemoFileEntry file, DateTime limit)
    {
        if (file.LastWriteTimeUtc < limit)
        {
            fileSystem.Delete(file.Path);
        }
    }

    /// <summary>Removes an entry, metadata first; returns false if it could not.</summary>
    private bool Remove(Entry entry)
    {
        try
        {
            foreach (MemoFileEntry file in entry.Files)
            {
                fileSystem.Delete(file.Path);
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>An entry: its files (metadata first), their total length, its last use and its expiry.</summary>
    private sealed record Entry(List<MemoFileEntry> Files, long Bytes, DateTime LastUseUtc, DateTime ExpiresUtc);
}
