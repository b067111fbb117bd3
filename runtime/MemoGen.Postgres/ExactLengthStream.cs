using System;
using System.IO;
using MemoGen.Disk;

namespace MemoGen.Postgres;

/// <summary>
/// Reads exactly <c>length</c> bytes of a file of the disk store's file system (on disk or staged in memory), from its
/// start: a file that changed length since its metadata was written is an error, not a silent truncation.
/// </summary>
internal sealed class ExactLengthStream(IMemoReadableFile file, long length, string name) : Stream
{
    private readonly long _length = length;
    private long _remaining = length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0)
        {
            return 0;
        }

        int read = file.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)], _length - _remaining);
        if (read == 0 && !buffer.IsEmpty)
        {
            throw new IOException($"{name} is shorter than its entry's metadata says ({_remaining} bytes missing).");
        }

        _remaining -= read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }
}
