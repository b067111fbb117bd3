using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace MemoGen.Hashing;

/// <summary>
/// The byte stream of a key's canonical encoding and its XXH3-128 hash (seed 0, System.IO.Hashing). A key's stream is
/// small (a tag and a few bytes per value), so it is gathered in an inline buffer and hashed once, in one shot; only a
/// stream longer than the buffer (a long string, many values) goes through the incremental hasher, fed buffer by
/// buffer, or straight from a long span. Either way the hash equals XXH3-128 over the concatenated bytes.
/// </summary>
internal struct KeyStream
{
    /// <summary>The bytes gathered before the incremental hasher takes over.</summary>
    internal const int BufferLength = 256;

    private KeyBuffer _buffer;
    private int _buffered;
    private XxHash128? _spill;

    /// <summary>Appends one byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Append(byte value)
    {
        if (_buffered == BufferLength)
        {
            Spill();
        }

        Unsafe.Add(ref BufferStart, _buffered++) = value;
    }

    /// <summary>Appends a tag byte followed by one byte.</summary>
    public void AppendTagged(byte tag, byte payload) => Tagged(tag, sizeof(byte)) = payload;

    /// <summary>
    /// Appends a tag byte followed by the two bytes of <paramref name="payload"/>, which the caller has already put in
    /// little-endian order. (Not generic over the payload, here and below: ReadyToRun left a generic one to the JIT.)
    /// </summary>
    public void AppendTagged(byte tag, ushort payload) => Unsafe.WriteUnaligned(ref Tagged(tag, sizeof(ushort)), payload);

    /// <summary>Appends a tag byte followed by the four bytes of <paramref name="payload"/>, already little-endian.</summary>
    public void AppendTagged(byte tag, uint payload) => Unsafe.WriteUnaligned(ref Tagged(tag, sizeof(uint)), payload);

    /// <summary>Appends a tag byte followed by the eight bytes of <paramref name="payload"/>, already little-endian.</summary>
    public void AppendTagged(byte tag, ulong payload) => Unsafe.WriteUnaligned(ref Tagged(tag, sizeof(ulong)), payload);

    /// <summary>Appends bytes: copied into the buffer if they fit, else streamed to the incremental hasher without a copy.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_buffered + data.Length <= BufferLength)
        {
            data.CopyTo(BufferSpan[_buffered..]);
            _buffered += data.Length;
            return;
        }

        Spill();
        if (data.Length <= BufferLength)
        {
            data.CopyTo(BufferSpan);
            _buffered = data.Length;
        }
        else
        {
            _spill!.Append(data);
        }
    }

    /// <summary>
    /// Room for <paramref name="length"/> (at most <see cref="BufferLength"/>) more bytes in the buffer, for the caller
    /// to fill, then count with <see cref="Advance"/>.
    /// </summary>
    [UnscopedRef]
    public Span<byte> Space(int length)
    {
        if (_buffered + length > BufferLength)
        {
            Spill();
        }

        return BufferSpan.Slice(_buffered, length);
    }

    /// <summary>Counts <paramref name="length"/> bytes the caller wrote into <see cref="Space"/>.</summary>
    public void Advance(int length) => _buffered += length;

    /// <summary>The XXH3-128 hash of everything appended so far. Does not change the stream.</summary>
    /// <remarks>
    /// Read from the canonical big-endian bytes rather than as a <see cref="UInt128"/>: ReadyToRun does not
    /// precompile code that calls <see cref="UInt128"/>'s operators, so a first hit would JIT-compile them.
    /// </remarks>
    public readonly MemoHash128 Hash()
    {
        ReadOnlySpan<byte> tail = ((ReadOnlySpan<byte>)_buffer)[.._buffered];
        if (_spill is null && tail.Length <= ShortXxh3.MaxLength)
        {
            return ShortXxh3.Hash(tail);
        }

        Span<byte> canonical = stackalloc byte[16];
        if (_spill is null)
        {
            XxHash128.Hash(tail, canonical);
        }
        else
        {
            XxHash128 copy = _spill.Clone();
            copy.Append(tail);
            copy.GetCurrentHash(canonical);
        }

        return new MemoHash128(BinaryPrimitives.ReadUInt64BigEndian(canonical), BinaryPrimitives.ReadUInt64BigEndian(canonical[8..]));
    }

    // Appends the tag and counts the payload's size; returns where the caller writes the payload.
    [UnscopedRef]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte Tagged(byte tag, int size)
    {
        if (_buffered + 1 + size > BufferLength)
        {
            Spill();
        }

        ref byte slot = ref Unsafe.Add(ref BufferStart, _buffered);
        slot = tag;
        _buffered += 1 + size;
        return ref Unsafe.Add(ref slot, 1);
    }

    [UnscopedRef]
    private ref byte BufferStart => ref Unsafe.As<KeyBuffer, byte>(ref _buffer);

    [UnscopedRef]
    private Span<byte> BufferSpan => _buffer;

    // Out of line: most keys never get here, and the hasher's allocation stays off their path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Spill()
    {
        _spill ??= new XxHash128();
        _spill.Append(((ReadOnlySpan<byte>)_buffer)[.._buffered]);
        _buffered = 0;
    }

    [InlineArray(BufferLength)]
    private struct KeyBuffer
    {
        private byte _element0;
    }
}
