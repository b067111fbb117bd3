using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using MemoGen.Disk;

namespace MemoGen.Postgres;

/// <summary>
/// The disk store's file system, with the <see cref="StagingFolder"/> made cheap: a staged entry lives only as long as
/// this process (the folder is removed at exit or by the next process), so its files are never flushed to the device
/// nor preallocated, and small ones (at most <see cref="MaxInMemoryBytes"/>) are held in memory, where creating,
/// renaming and deleting them costs no system call (unless the options map results, which needs real files). A rename
/// still commits an entry atomically and its checksum still guards every read. The staging folder is this process's
/// own, written only through here, so this file system knows which staged files and folders are on disk and asks the
/// disk about no other (a remote hit of a small value makes no system call on the staging folder). Everything else, a
/// <see cref="MemoOptions.CacheDirectory"/> included, goes to the inner file system unchanged.
/// </summary>
internal sealed class StagingFileSystem(IMemoFileSystem inner, Func<string?> stagingRoot, Func<bool> mayHoldInMemory) : IMemoFileSystem
{
    /// <summary>The largest staged file held in memory.</summary>
    public const int MaxInMemoryBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, StagedMemoryFile> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _stagedOnDisk = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _stagedDirectories = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IMemoReadableFile OpenRead(string path) =>
        _memory.TryGetValue(path, out StagedMemoryFile? file) ? file.OpenRead() : inner.OpenRead(path);

    /// <inheritdoc />
    public IMemoWritableFile CreateNew(string path, long expectedLength)
    {
        if (!IsStaged(path))
        {
            return inner.CreateNew(path, expectedLength);
        }

        if (expectedLength is > 0 and <= MaxInMemoryBytes && mayHoldInMemory())
        {
            var file = new StagedMemoryFile(expectedLength, DateTime.UtcNow);
            if (_stagedOnDisk.ContainsKey(path) || !_memory.TryAdd(path, file))
            {
                throw new IOException($"The file '{path}' already exists.");
            }

            return file.OpenWrite();
        }

        // Not preallocated: the file system allocates a short-lived file's blocks lazily (often never, when it is removed
        // before it is written back), where a preallocation costs a journal entry.
        IMemoWritableFile created;
        try
        {
            created = inner.CreateNew(path, 0);
        }
        catch (DirectoryNotFoundException)
        {
            // The folder was removed under us: the store creates it again, and that must reach the disk.
            _stagedDirectories.Clear();
            throw;
        }

        _stagedOnDisk[path] = true;
        return new UnflushedFile(created);
    }

    /// <inheritdoc />
    public void FlushToDisk(string path)
    {
        if (!IsStaged(path))
        {
            inner.FlushToDisk(path);
        }
    }

    /// <inheritdoc />
    public void Replace(string source, string destination)
    {
        if (_memory.TryRemove(source, out StagedMemoryFile? file))
        {
            DeleteOnDisk(destination);
            _memory[destination] = file;
            return;
        }

        _memory.TryRemove(destination, out _);
        inner.Replace(source, destination);
        if (_stagedOnDisk.TryRemove(source, out _))
        {
            _stagedOnDisk[destination] = true;
        }
    }

    /// <inheritdoc />
    public void Delete(string path)
    {
        if (!_memory.TryRemove(path, out _))
        {
            DeleteOnDisk(path);
        }
    }

    /// <inheritdoc />
    public void CreateDirectory(string path)
    {
        if (!IsStaged(path))
        {
            inner.CreateDirectory(path);
        }
        else if (!_stagedDirectories.ContainsKey(path))
        {
            inner.CreateDirectory(path);
            _stagedDirectories[path] = true;
        }
    }

    /// <inheritdoc />
    public bool FileExists(string path) => _memory.ContainsKey(path) || (IsStaged(path) ? _stagedOnDisk.ContainsKey(path) : inner.FileExists(path));

    /// <inheritdoc />
    public IReadOnlyList<MemoFileEntry> ListFiles(string directory)
    {
        IReadOnlyList<MemoFileEntry> files = inner.ListFiles(directory);
        if (_memory.IsEmpty || stagingRoot() is not { } root || !(IsStaged(directory) || directory.TrimEnd(Path.DirectorySeparatorChar) == root))
        {
            return files;
        }

        var all = new List<MemoFileEntry>(files);
        foreach ((string path, StagedMemoryFile file) in _memory)
        {
            if (string.Equals(Path.GetDirectoryName(path), directory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                all.Add(new MemoFileEntry(path, Path.GetFileName(path), file.Length, file.LastWriteTimeUtc));
            }
        }

        return all;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory) => inner.ListDirectories(directory);

    /// <inheritdoc />
    public void SetLastWriteTimeUtc(string path, DateTime time)
    {
        if (_memory.TryGetValue(path, out StagedMemoryFile? file))
        {
            file.LastWriteTimeUtc = time;
            return;
        }

        inner.SetLastWriteTimeUtc(path, time);
    }

    /// <summary>Deletes a file on disk, unless it is a staged one that this file system knows is not there.</summary>
    private void DeleteOnDisk(string path)
    {
        if (!IsStaged(path))
        {
            inner.Delete(path);
        }
        else if (_stagedOnDisk.ContainsKey(path))
        {
            inner.Delete(path);
            _stagedOnDisk.TryRemove(path, out _);
        }
    }

    private bool IsStaged(string path) =>
        stagingRoot() is { } root && path.StartsWith(root, StringComparison.Ordinal)
        && path.Length > root.Length && path[root.Length] == Path.DirectorySeparatorChar;

    private sealed class UnflushedFile(IMemoWritableFile inner) : IMemoWritableFile
    {
        public void Write(ReadOnlySpan<byte> data, long offset) => inner.Write(data, offset);

        public void FlushToDisk()
        {
        }

        public void Dispose() => inner.Dispose();
    }
}
