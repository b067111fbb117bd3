using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MemoGen.Disk;

namespace MemoGen.RuntimeTests.Disk.Support;

/// <summary>The real file system behind the seam, counting what the store does, with optional injected faults.</summary>
internal sealed class CountingFileSystem : IMemoFileSystem
{
    private readonly IMemoFileSystem _inner = PhysicalFileSystem.Instance;
    private long _readCalls;
    private long _bytesRead;
    private long _maps;
    private long _mappedBytes;
    private long _creates;
    private long _replaces;

    public long ReadCalls => Interlocked.Read(ref _readCalls);

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long Maps => Interlocked.Read(ref _maps);

    public long MappedBytes => Interlocked.Read(ref _mappedBytes);

    public long Creates => Interlocked.Read(ref _creates);

    public long Replaces => Interlocked.Read(ref _replaces);

    /// <summary>Thrown by every <see cref="CreateNew"/> while set, as a full or read-only disk would.</summary>
    public Func<string, Exception?>? CreateFault { get; set; }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _readCalls, 0);
        Interlocked.Exchange(ref _bytesRead, 0);
        Interlocked.Exchange(ref _maps, 0);
        Interlocked.Exchange(ref _mappedBytes, 0);
        Interlocked.Exchange(ref _creates, 0);
        Interlocked.Exchange(ref _replaces, 0);
    }

    public IMemoReadableFile OpenRead(string path) => new CountingFile(this, _inner.OpenRead(path));

    public IMemoWritableFile CreateNew(string path, long expectedLength)
    {
        if (CreateFault?.Invoke(path) is { } fault)
        {
            throw fault;
        }

        Interlocked.Increment(ref _creates);
        return _inner.CreateNew(path, expectedLength);
    }

    public void FlushToDisk(string path) => _inner.FlushToDisk(path);

    public void Replace(string source, string destination)
    {
        Interlocked.Increment(ref _replaces);
        _inner.Replace(source, destination);
    }

    public void Delete(string path) => _inner.Delete(path);

    public void CreateDirectory(string path) => _inner.CreateDirectory(path);

    public void DeleteDirectory(string path) => _inner.DeleteDirectory(path);

    public bool FileExists(string path) => _inner.FileExists(path);

    public IReadOnlyList<MemoFileEntry> ListFiles(string directory) => _inner.ListFiles(directory);

    public IReadOnlyList<string> ListDirectories(string directory) => _inner.ListDirectories(directory);

    public void SetLastWriteTimeUtc(string path, DateTime time) => _inner.SetLastWriteTimeUtc(path, time);

    private sealed class CountingFile(CountingFileSystem owner, IMemoReadableFile inner) : IMemoReadableFile
    {
        public long Length => inner.Length;

        public DateTime LastWriteTimeUtc => inner.LastWriteTimeUtc;

        public int Read(Span<byte> buffer, long offset)
        {
            int read = inner.Read(buffer, offset);
            Interlocked.Increment(ref owner._readCalls);
            Interlocked.Add(ref owner._bytesRead, read);
            return read;
        }

        public MemoMappedView Map(long offset, long length)
        {
            Interlocked.Increment(ref owner._maps);
            Interlocked.Add(ref owner._mappedBytes, length);
            return inner.Map(offset, length);
        }

        public void Dispose() => inner.Dispose();
    }
}
