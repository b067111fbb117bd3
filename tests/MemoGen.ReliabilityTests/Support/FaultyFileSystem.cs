using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using MemoGen.Disk;
using MemoGen.TestSupport;

namespace MemoGen.ReliabilityTests.Support;

/// <summary>
/// The real file system behind the store's I/O seam, recording every path opened, with faults a test can switch on:
/// a write that fails midway (disk full), a rename that fails, reads that return short or end early, a file that
/// vanishes between listing and opening.
/// </summary>
internal sealed class FaultyFileSystem : PassThroughFileSystem
{

    /// <summary>Every path passed to <see cref="OpenRead"/>, in order, whether or not it could be opened.</summary>
    public ConcurrentQueue<string> Attempted { get; } = new();

    /// <summary>Every path <see cref="OpenRead"/> actually opened, in order.</summary>
    public ConcurrentQueue<string> Opened { get; } = new();

    /// <summary>Every path passed to <see cref="Delete"/>.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>For a file being written: after how many bytes the disk is full (null: never).</summary>
    public Func<string, long?>? DiskFullAfter { get; set; }

    /// <summary>For a rename: the exception it fails with (null: it succeeds).</summary>
    public Func<string, string, Exception?>? ReplaceFault { get; set; }

    /// <summary>For a file read: the most bytes one read returns (a short read; null: as many as asked).</summary>
    public Func<string, int?>? MaxBytesPerRead { get; set; }

    /// <summary>For a file read: where it seems to end, reads beyond returning 0 (null: its real end).</summary>
    public Func<string, long?>? EndsAt { get; set; }

    /// <summary>For a file read: the exception every read fails with (an I/O error; null: none).</summary>
    public Func<string, Exception?>? ReadFault { get; set; }

    /// <summary>Runs just before a file is opened for reading (say, deleting it: it vanished after it was listed).</summary>
    public Action<string>? BeforeOpen { get; set; }

    /// <summary>Runs on every listing just before it is returned (say, deleting a listed file).</summary>
    public Action<IReadOnlyList<MemoFileEntry>>? AfterList { get; set; }

    public override IMemoReadableFile OpenRead(string path)
    {
        Attempted.Enqueue(path);
        BeforeOpen?.Invoke(path);
        IMemoReadableFile file = base.OpenRead(path);
        Opened.Enqueue(path);
        return new ReadableFile(this, path, file);
    }

    public override IMemoWritableFile CreateNew(string path, long expectedLength) =>
        new WritableFile(base.CreateNew(path, expectedLength), DiskFullAfter?.Invoke(path));

    public override void Replace(string source, string destination)
    {
        if (ReplaceFault?.Invoke(source, destination) is { } fault)
        {
            throw fault;
        }

        base.Replace(source, destination);
    }

    public override void Delete(string path)
    {
        Deleted.Enqueue(path);
        base.Delete(path);
    }

    public override IReadOnlyList<MemoFileEntry> ListFiles(string directory)
    {
        IReadOnlyList<MemoFileEntry> files = base.ListFiles(directory);
        AfterList?.Invoke(files);
        return files;
    }

    private sealed class ReadableFile(FaultyFileSystem owner, string path, IMemoReadableFile inner) : IMemoReadableFile
    {
        public long Length => inner.Length;

        public DateTime LastWriteTimeUtc => inner.LastWriteTimeUtc;

        public int Read(Span<byte> buffer, long offset)
        {
            if (owner.ReadFault?.Invoke(path) is { } fault)
            {
                throw fault;
            }

            if (owner.EndsAt?.Invoke(path) is { } end)
            {
                if (offset >= end)
                {
                    return 0;
                }

                buffer = buffer[..(int)Math.Min(buffer.Length, end - offset)];
            }

            if (owner.MaxBytesPerRead?.Invoke(path) is { } most && buffer.Length > most)
            {
                buffer = buffer[..most];
            }

            return inner.Read(buffer, offset);
        }

        public MemoMappedView Map(long offset, long length) => inner.Map(offset, length);

        public void Dispose() => inner.Dispose();
    }

    /// <summary>Writes until the disk is "full": the bytes that fit are written, then the write fails.</summary>
    private sealed class WritableFile(IMemoWritableFile inner, long? fullAfter) : IMemoWritableFile
    {
        public void Write(ReadOnlySpan<byte> data, long offset)
        {
            if (fullAfter is { } limit && offset + data.Length > limit)
            {
                if (offset < limit)
                {
                    inner.Write(data[..(int)(limit - offset)], offset);
                }

                throw new IOException("No space left on device");
            }

            inner.Write(data, offset);
        }

        public void FlushToDisk() => inner.FlushToDisk();

        public void Dispose() => inner.Dispose();
    }
}
