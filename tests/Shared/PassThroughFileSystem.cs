using System;
using System.Collections.Generic;
using MemoGen.Disk;

namespace MemoGen.TestSupport;

/// <summary>The real file system behind the store's seam; tests override what they count, report or break.</summary>
internal abstract class PassThroughFileSystem : IMemoFileSystem
{
    private readonly IMemoFileSystem _inner = PhysicalFileSystem.Instance;

    public virtual IMemoReadableFile OpenRead(string path) => _inner.OpenRead(path);

    public virtual IMemoWritableFile CreateNew(string path, long expectedLength) => _inner.CreateNew(path, expectedLength);

    public virtual void FlushToDisk(string path) => _inner.FlushToDisk(path);

    public virtual void Replace(string source, string destination) => _inner.Replace(source, destination);

    public virtual void Delete(string path) => _inner.Delete(path);

    public virtual void CreateDirectory(string path) => _inner.CreateDirectory(path);

    public virtual bool FileExists(string path) => _inner.FileExists(path);

    public virtual IReadOnlyList<MemoFileEntry> ListFiles(string directory) => _inner.ListFiles(directory);

    public virtual IReadOnlyList<string> ListDirectories(string directory) => _inner.ListDirectories(directory);

    public virtual void SetLastWriteTimeUtc(string path, DateTime time) => _inner.SetLastWriteTimeUtc(path, time);
}
