using System;
using System.Buffers.Binary;
using System.IO;

namespace MemoGen.PostgresTests.Support;

/// <summary>A read-only stream of <see cref="Length"/> pseudo-random bytes made on the fly: a large payload never held in memory.</summary>
internal sealed class GeneratedStream(long length, ulong seed) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The byte at <paramref name="position"/> of a stream made with <paramref name="seed"/>.</summary>
    public static byte ByteAt(long position, ulong seed)
    {
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(word, Mix((ulong)(position >> 3) ^ seed));
        return word[(int)(position & 7)];
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int count = (int)Math.Min(buffer.Length, length - _position);
        for (int i = 0; i < count;)
        {
            long position = _position + i;
            if ((position & 7) == 0 && count - i >= 8)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(buffer[i..], Mix((ulong)(position >> 3) ^ seed));
                i += 8;
            }
            else
            {
                buffer[i] = ByteAt(position, seed);
                i++;
            }
        }

        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>SplitMix64's finalizer: cheap, and no two words alike.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
