using System;
using System.Collections.Generic;
using MemoGen.Disk;

namespace MemoGen.Postgres;

/// <summary>
/// The disk store's file system with flushes and preallocation skipped inside the <see cref="StagingFolder"/>: a staged
/// entry lives only as long as this process (the folder is removed at exit or by the next process), so making it
/// survive a machine crash is wasted time; its rename still commits it atomically and its checksum still guards every
/// read. Everything else, a <see cref="MemoOptions.CacheDirectory"/> included, goes to the inner file system unchanged.
/// </summary>
internal sealed class StagingFileSystem(IMemoFileSystem inner, Func<string?> stagingRoot) : IMemoFileSystem
{
    /// <inheritdoc />
    public IMemoReadableFile OpenRead(string path) => inner.OpenRead(path);

    /// <inheritdoc />
    public IMemoWritableFile CreateNew(string path, long expectedLength)
    {
        if (!IsStaged(path))
        {
            return inner.CreateNew(path, expectedLength);
        }

        // Not preallocated either: a staged file is short-lived, and the file system allocates its blocks lazily (often
        // never, when the file is removed before it is written back), where a preallocation costs a journal entry.
        return new UnflushedFile(inner.CreateNew(path, 0));
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
    public void Replace(string source, string destination) => inner.Replace(source, destination);

    /// <inheritdoc />
    public void Delete(string path) => inner.Delete(path);

    /// <inheritdoc />
    public void CreateDirectory(string path) => inner.CreateDirectory(path);

    /// <inheritdoc />
    public bool FileExists(string path) => inner.FileExists(path);

    /// <inheritdoc />
    public IReadOnlyList<MemoFileEntry> ListFiles(string directory) => inner.ListFiles(directory);

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory) => inner.ListDirectories(directory);

    /// <inheritdoc />
    public void SetLastWriteTimeUtc(string path, DateTime time) => inner.SetLastWriteTimeUtc(path, time);

    private bool IsStaged(string path) =>
        stagingRoot() is { } root && path.StartsWith(root, StringComparison.Ordinal)
        && path.Length > root.Length && path[root.Length] == System.IO.Path.DirectorySeparatorChar;

    private sealed class UnflushedFile(IMemoWritableFile inner) : IMemoWritableFile
    {
        public void Write(ReadOnlySpan<byte> data, long offset) => inner.Write(data, offset);

        public void FlushToDisk()
        {
        }

        public void Dispose() => inner.Dispose();
    }
}
