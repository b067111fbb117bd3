using System;
using System.IO;
using System.Security.Cryptography;

namespace MemoGen.PostgresTests.Support;

/// <summary>A write-only stream that keeps only the SHA-256 and length of what is written: a large payload's destination.</summary>
internal sealed class HashingStream : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of everything written so far.</summary>
    public byte[] Hash() => _hash.GetCurrentHash();

    /// <summary>The SHA-256 and length of <paramref name="source"/> read to its end.</summary>
    public static (byte[] Hash, long Length) Of(Stream source)
    {
        using var hashing = new HashingStream();
        source.CopyTo(hashing, 1 << 20);
        return (hashing.Hash(), hashing.Length);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        _length += buffer.Length;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
