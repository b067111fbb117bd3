using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MemoGen.Disk;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk.Support;

/// <summary>The real file system behind the seam, counting what the store does, with optional injected faults.</summary>
internal sealed class CountingFileSystem : PassThroughFileSystem
{
    private long _readCalls;
    private long _bytesRead;
    private long _maps;
    private long _mappedBytes;

    public long ReadCalls => Interlocked.Read(ref _readCalls);

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    public long Maps => Interlocked.Read(ref _maps);

    public long MappedBytes => Interlocked.Read(ref _mappedBytes);

    /// <summary>Thrown by <see cref="CreateNew"/> when it returns one, as a full or read-only disk would.</summary>
    public Func<string, Exception?>? CreateFault { get; set; }

    /// <summary>Thrown by <see cref="Replace"/> when it returns one.</summary>
    public Func<string, Exception?>? ReplaceFault { get; set; }

    /// <summary>Runs before a file is opened for reading: a test may remove it there, as another process would.</summary>
    public Action<string>? BeforeOpenRead { get; set; }

    /// <summary>When set, no read returns more than this many bytes, as a network file system may.</summary>
    public int? MaxBytesPerRead { get; set; }

    /// <summary>When set, writes fail with a full disk once this many bytes were written to one file.</summary>
    public long? FailWriteAfterBytes { get; set; }

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _readCalls, 0);
        Interlocked.Exchange(ref _bytesRead, 0);
        Interlocked.Exchange(ref _maps, 0);
        Interlocked.Exchange(ref _mappedBytes, 0);
    }

    public override IMemoReadableFile OpenRead(string path)
    {
        BeforeOpenRead?.Invoke(path);
        return new CountingFile(this, base.OpenRead(path));
    }

    public override IMemoWritableFile CreateNew(string path, long expectedLength)
    {
        if (CreateFault?.Invoke(path) is { } fault)
        {
            throw fault;
        }

        IMemoWritableFile file = base.CreateNew(path, expectedLength);
        return FailWriteAfterBytes is { } limit ? new FailingFile(file, limit) : file;
    }

    public override void Replace(string source, string destination)
    {
        if (ReplaceFault?.Invoke(destination) is { } fault)
        {
            throw fault;
        }

        base.Replace(source, destination);
    }

    private sealed class CountingFile(CountingFileSystem owner, IMemoReadableFile inner) : IMemoReadableFile
    {
        public long Length => inner.Length;

        public DateTime LastWriteTimeUtc => inner.LastWriteTimeUtc;

        public int Read(Span<byte> buffer, long offset)
        {
            if (owner.MaxBytesPerRead is { } most && buffer.Length > most)
            {
                buffer = buffer[..most];
            }

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

    private sealed class FailingFile(IMemoWritableFile inner, long limit) : IMemoWritableFile
    {
        private long _written;

        public void Write(ReadOnlySpan<byte> data, long offset)
        {
            _written += data.Length;
            if (_written > limit)
            {
                inner.Write(data[..(int)Math.Max(0, data.Length - (_written - limit))], offset);
                throw new IOException("No space left on device");
            }

            inner.Write(data, offset);
        }

        public void FlushToDisk() => inner.FlushToDisk();

        public void Dispose() => inner.Dispose();
    }
}
