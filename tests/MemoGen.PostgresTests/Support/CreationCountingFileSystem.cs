using System;
using System.Collections.Generic;
using System.Threading;
using MemoGen.Disk;

namespace MemoGen.PostgresTests.Support;

/// <summary>
/// A file system that counts the files created through it and passes every call on, or refuses every creation with
/// <paramref name="refusal"/> when one is given (a full disk).
/// </summary>
internal sealed class CreationCountingFileSystem(IMemoFileSystem inner, Exception? refusal = null) : IMemoFileSystem
{
    private int _created;

    /// <summary>How many files were created so far.</summary>
    public int Created => Volatile.Read(ref _created);

    public IMemoWritableFile CreateNew(string path, long expectedLength)
    {
        Interlocked.Increment(ref _created);
        return refusal is null ? inner.CreateNew(path, expectedLength) : throw refusal;
    }

    public IMemoReadableFile OpenRead(string path) => inner.OpenRead(path);

    public void FlushToDisk(string path) => inner.FlushToDisk(path);

    public void Replace(string source, string destination) => inner.Replace(source, destination);

    public void Delete(string path) => inner.Delete(path);

    public void CreateDirectory(string path) => inner.CreateDirectory(path);

    public bool FileExists(string path) => inner.FileExists(path);

    public IReadOnlyList<MemoFileEntry> ListFiles(string directory) => inner.ListFiles(directory);

    public IReadOnlyList<string> ListDirectories(string directory) => inner.ListDirectories(directory);

    public void SetLastWriteTimeUtc(string path, DateTime time) => inner.SetLastWriteTimeUtc(path, time);
}
