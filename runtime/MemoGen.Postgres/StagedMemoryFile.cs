using System;
using MemoGen.Disk;

namespace MemoGen.Postgres;

/// <summary>
/// A small staged file held in memory by <see cref="StagingFileSystem"/>: written once by its creator, then read (and
/// renamed, touched, deleted) by name. Its bytes are never mapped (the staging file system keeps files on disk when
/// the options map results).
/// </summary>
internal sealed class StagedMemoryFile(long capacity, DateTime created)
{
    private byte[] _data = new byte[capacity];

    /// <summary>How many bytes were written (the end of the furthest write).</summary>
    public long Length { get; private set; }

    /// <summary>The last write time the disk store reads as the entry's last use.</summary>
    public DateTime LastWriteTimeUtc { get; set; } = created;

    /// <summary>A handle that writes into this file.</summary>
    public IMemoWritableFile OpenWrite() => new Writer(this);

    /// <summary>A handle that reads this file.</summary>
    public IMemoReadableFile OpenRead() => new Reader(this);

    private void Write(ReadOnlySpan<byte> data, long offset)
    {
        long end = offset + data.Length;
        if (end > _data.Length)
        {
            Array.Resize(ref _data, (int)Math.Max(end, _data.Length * 2L));
        }

        data.CopyTo(_data.AsSpan((int)offset));
        Length = Math.Max(Length, end);
    }

    private int Read(Span<byte> buffer, long offset)
    {
        if (offset >= Length)
        {
            return 0;
        }

        int count = (int)Math.Min(buffer.Length, Length - offset);
        _data.AsSpan((int)offset, count).CopyTo(buffer);
        return count;
    }

    private sealed class Writer(StagedMemoryFile file) : IMemoWritableFile
    {
        public void Write(ReadOnlySpan<byte> data, long offset) => file.Write(data, offset);

        public void FlushToDisk()
        {
        }

        public void Dispose()
        {
        }
    }

    private sealed class Reader(StagedMemoryFile file) : IMemoReadableFile
    {
        public long Length => file.Length;

        public DateTime LastWriteTimeUtc => file.LastWriteTimeUtc;

        public int Read(Span<byte> buffer, long offset) => file.Read(buffer, offset);

        public MemoMappedView Map(long offset, long length) =>
            throw new NotSupportedException("A staged file held in memory cannot be mapped.");

        public void Dispose()
        {
        }
    }
}
