using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using MemoGen.Hashing;

namespace MemoGen;

/// <summary>
/// Computes the stable key hash: writes values in the canonical encoding of docs/key-hash.md (a type tag, then
/// little-endian bytes; an array of primitives as the XXH3-128 hash of its bytes) and hashes that byte stream with
/// XXH3-128 (System.IO.Hashing), in one shot for the usual small key, gathered on the stack.
/// The same values written in the same order give the same <see cref="MemoHash128"/> in every process, on every machine
/// and in every .NET version.
/// </summary>
/// <remarks>
/// Create one with <c>new MemoHasher()</c>: <c>default(MemoHasher)</c> is not ready to use, and its
/// <see cref="Finish"/> throws. Write the values, then call <see cref="Finish"/> once.
/// </remarks>
public ref struct MemoHasher
{
    // The only NaN bit patterns written: those of float.NaN and double.NaN, pinned here so that no platform's NaN
    // can change an encoding.
    private const uint CanonicalSingleNaN = 0xFFC00000;
    private const ulong CanonicalDoubleNaN = 0xFFF8000000000000;

    private const int ChunkBytes = 256;

    // A string this short always fits the key buffer whole (3 UTF-8 bytes per UTF-16 code unit at most).
    private const int MaxOnePassChars = (KeyStream.BufferLength - 5) / 3;

    private KeyStream _state;
    private bool _ready;

    /// <summary>Creates a hasher of the empty stream, ready to use (unlike <c>default(MemoHasher)</c>).</summary>
    public MemoHasher()
    {
        _state = default;
        _ready = true;
    }

    /// <summary>Writes a null reference (tag 0x00, nothing follows).</summary>
    public void WriteNull() => _state.Append(MemoTag.Null);

    /// <summary>Writes a <see cref="bool"/> as one byte, 0 or 1.</summary>
    public void Write(bool value) => _state.AppendTagged(MemoTag.Boolean, value ? (byte)1 : (byte)0);

    /// <summary>Writes an <see cref="sbyte"/>.</summary>
    public void Write(sbyte value) => _state.AppendTagged(MemoTag.SByte, (byte)value);

    /// <summary>Writes a <see cref="byte"/>.</summary>
    public void Write(byte value) => _state.AppendTagged(MemoTag.Byte, value);

    /// <summary>Writes a <see cref="short"/>.</summary>
    public void Write(short value) => _state.AppendTagged(MemoTag.Int16, (ushort)LittleEndian(value));

    /// <summary>Writes a <see cref="ushort"/>.</summary>
    public void Write(ushort value) => _state.AppendTagged(MemoTag.UInt16, LittleEndian(value));

    /// <summary>Writes an <see cref="int"/>.</summary>
    public void Write(int value) => _state.AppendTagged(MemoTag.Int32, (uint)LittleEndian(value));

    /// <summary>Writes a <see cref="uint"/>.</summary>
    public void Write(uint value) => _state.AppendTagged(MemoTag.UInt32, LittleEndian(value));

    /// <summary>Writes a <see cref="long"/>.</summary>
    public void Write(long value) => _state.AppendTagged(MemoTag.Int64, (ulong)LittleEndian(value));

    /// <summary>Writes a <see cref="ulong"/>.</summary>
    public void Write(ulong value) => _state.AppendTagged(MemoTag.UInt64, LittleEndian(value));

    /// <summary>Writes a <see cref="char"/> as its UTF-16 code unit.</summary>
    public void Write(char value) => _state.AppendTagged(MemoTag.Char, LittleEndian((ushort)value));

    /// <summary>
    /// Writes a <see cref="float"/> as its IEEE 754 bits, after mapping -0.0 to +0.0 and every NaN to one NaN, so that
    /// values equal under <see cref="float.Equals(float)"/> hash alike.
    /// </summary>
    public void Write(float value)
    {
        uint bits = float.IsNaN(value) ? CanonicalSingleNaN : BitConverter.SingleToUInt32Bits(value == 0f ? 0f : value);
        _state.AppendTagged(MemoTag.Single, LittleEndian(bits));
    }

    /// <summary>
    /// Writes a <see cref="double"/> as its IEEE 754 bits, after mapping -0.0 to +0.0 and every NaN to one NaN, so that
    /// values equal under <see cref="double.Equals(double)"/> hash alike.
    /// </summary>
    public void Write(double value)
    {
        ulong bits = double.IsNaN(value) ? CanonicalDoubleNaN : BitConverter.DoubleToUInt64Bits(value == 0d ? 0d : value);
        _state.AppendTagged(MemoTag.Double, LittleEndian(bits));
    }

    /// <summary>
    /// Writes a <see cref="decimal"/> with trailing zeros removed and negative zero made zero, so that values equal
    /// under <see cref="decimal.Equals(decimal)"/> (1.0m and 1.00m) hash alike.
    /// </summary>
    public void Write(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        UInt128 mantissa = ((UInt128)(uint)bits[2] << 64) | ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        if (mantissa == UInt128.Zero)
        {
            scale = 0;
            negative = false;
        }

        while (scale > 0)
        {
            (UInt128 quotient, UInt128 remainder) = UInt128.DivRem(mantissa, 10);
            if (remainder != UInt128.Zero)
            {
                break;
            }

            mantissa = quotient;
            scale--;
        }

        Span<byte> encoded = stackalloc byte[17];
        encoded[0] = MemoTag.Decimal;
        BinaryPrimitives.WriteUInt32LittleEndian(encoded[1..], (uint)mantissa);
        BinaryPrimitives.WriteUInt32LittleEndian(encoded[5..], (uint)(mantissa >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(encoded[9..], (uint)(mantissa >> 64));
        BinaryPrimitives.WriteUInt32LittleEndian(encoded[13..], (negative ? 0x8000_0000u : 0u) | ((uint)scale << 16));
        _state.Append(encoded);
    }

    /// <summary>
    /// Writes a string as its UTF-8 byte length (uint32) and UTF-8 bytes, or a null. A lone surrogate, which UTF-8
    /// cannot carry, is written as U+FFFD, so strings that differ only in which lone surrogates they hold hash alike.
    /// </summary>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        // The usual short string, in one pass: transcoded straight into the key's buffer behind its tag and length.
        if (value.Length <= MaxOnePassChars)
        {
            Span<byte> space = _state.Space(5 + (value.Length * 3));
            Utf8.FromUtf16(value, space[5..], out _, out int encoded, replaceInvalidSequences: true, isFinalBlock: true);
            space[0] = MemoTag.String;
            BinaryPrimitives.WriteUInt32LittleEndian(space[1..], (uint)encoded);
            _state.Advance(5 + encoded);
            return;
        }

        int byteCount = Encoding.UTF8.GetByteCount(value);
        _state.AppendTagged(MemoTag.String, LittleEndian((uint)byteCount));

        Span<byte> chunk = stackalloc byte[ChunkBytes];
        ReadOnlySpan<char> rest = value;
        int total = 0;
        while (!rest.IsEmpty)
        {
            Utf8.FromUtf16(rest, chunk, out int read, out int written, replaceInvalidSequences: true, isFinalBlock: true);
            _state.Append(chunk[..written]);
            rest = rest[read..];
            total += written;
        }

        Debug.Assert(total == byteCount, "Encoding.UTF8 counts lone surrogates as Utf8.FromUtf16 replaces them.");
    }

    /// <summary>Writes a <see cref="DateTime"/> as its ticks; <see cref="DateTime.Kind"/> is left out, as Equals does.</summary>
    public void Write(DateTime value) => _state.AppendTagged(MemoTag.DateTime, (ulong)LittleEndian(value.Ticks));

    /// <summary>Writes a <see cref="DateTimeOffset"/> as its UTC ticks, so instants equal under Equals hash alike.</summary>
    public void Write(DateTimeOffset value) => _state.AppendTagged(MemoTag.DateTimeOffset, (ulong)LittleEndian(value.UtcTicks));

    /// <summary>Writes a <see cref="TimeSpan"/> as its ticks.</summary>
    public void Write(TimeSpan value) => _state.AppendTagged(MemoTag.TimeSpan, (ulong)LittleEndian(value.Ticks));

    /// <summary>Writes a <see cref="Guid"/> as its 16 bytes in the little-endian layout of <see cref="Guid.ToByteArray()"/>.</summary>
    public void Write(Guid value)
    {
        Span<byte> encoded = stackalloc byte[17];
        encoded[0] = MemoTag.Guid;
        value.TryWriteBytes(encoded[1..], bigEndian: false, out _);
        _state.Append(encoded);
    }

    /// <summary>
    /// Writes a value that was hashed on its own, as its <see cref="MemoHash128"/>: <see cref="MemoHash128.High"/> then
    /// <see cref="MemoHash128.Low"/>, each a little-endian uint64. A key hash is made of these, one per parameter.
    /// </summary>
    public void Write(MemoHash128 value)
    {
        Span<byte> encoded = stackalloc byte[17];
        encoded[0] = MemoTag.Digest;
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[1..], value.High);
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[9..], value.Low);
        _state.Append(encoded);
    }

    /// <summary>Writes a <see cref="DateOnly"/> as its day number (int32).</summary>
    public void Write(DateOnly value) => _state.AppendTagged(MemoTag.DateOnly, (uint)LittleEndian(value.DayNumber));

    /// <summary>Writes a <see cref="TimeOnly"/> as its ticks.</summary>
    public void Write(TimeOnly value) => _state.AppendTagged(MemoTag.TimeOnly, (ulong)LittleEndian(value.Ticks));

    /// <summary>
    /// Writes an array of primitives by content: the element type's tag, the element count (uint64), then the XXH3
    /// 128-bit hash (seed 0) of the elements' raw little-endian bytes, computed in place by System.IO.Hashing, which runs
    /// faster than copying the bytes. Elements are not canonicalized: a -0.0 or a NaN payload inside an array hashes by
    /// its bits.
    /// </summary>
    /// <typeparam name="T">
    /// <see cref="bool"/>, <see cref="sbyte"/>, <see cref="byte"/>, <see cref="short"/>, <see cref="ushort"/>,
    /// <see cref="int"/>, <see cref="uint"/>, <see cref="long"/>, <see cref="ulong"/>, <see cref="char"/>,
    /// <see cref="float"/> or <see cref="double"/>.
    /// </typeparam>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is another type.</exception>
    public void WriteArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        byte elementTag = ElementTag<T>();
        if (MemoProvenance.TryGetIdentity(MemoryMarshal.AsBytes(values), elementTag, out MemoHash128 identity))
        {
            WriteProducedArray(elementTag, values.Length, identity);
            return;
        }

        UInt128 content = BitConverter.IsLittleEndian || Unsafe.SizeOf<T>() == 1
            ? XxHash128.HashToUInt128(MemoryMarshal.AsBytes(values))
            : HashByteSwapped(MemoryMarshal.AsBytes(values), Unsafe.SizeOf<T>());
        Span<byte> encoded = stackalloc byte[26];
        encoded[0] = MemoTag.PrimitiveArray;
        encoded[1] = elementTag;
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[2..], (ulong)values.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[10..], (ulong)(content >> 64));
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[18..], (ulong)content);
        _state.Append(encoded);
    }

    /// <summary>Whether <paramref name="elementType"/> is a type <see cref="WriteArray{T}"/> takes, and its tag.</summary>
    internal static bool TryGetElementTag(Type elementType, out byte tag)
    {
        tag = Type.GetTypeCode(elementType) switch
        {
            TypeCode.Boolean => MemoTag.Boolean,
            TypeCode.SByte => MemoTag.SByte,
            TypeCode.Byte => MemoTag.Byte,
            TypeCode.Int16 => MemoTag.Int16,
            TypeCode.UInt16 => MemoTag.UInt16,
            TypeCode.Int32 => MemoTag.Int32,
            TypeCode.UInt32 => MemoTag.UInt32,
            TypeCode.Int64 => MemoTag.Int64,
            TypeCode.UInt64 => MemoTag.UInt64,
            TypeCode.Char => MemoTag.Char,
            TypeCode.Single => MemoTag.Single,
            TypeCode.Double => MemoTag.Double,
            _ => MemoTag.Null,
        };
        return tag != MemoTag.Null && !elementType.IsEnum;
    }

    // The array is the whole result of a memoized call (docs/key-hash.md, provenance): its identity stands for its bytes.
    private void WriteProducedArray(byte elementTag, int count, MemoHash128 identity)
    {
        Span<byte> encoded = stackalloc byte[26];
        encoded[0] = MemoTag.ProducedArray;
        encoded[1] = elementTag;
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[2..], (ulong)count);
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[10..], identity.High);
        BinaryPrimitives.WriteUInt64LittleEndian(encoded[18..], identity.Low);
        _state.Append(encoded);
    }

    /// <summary>Begins a sequence of <paramref name="count"/> elements; write each element next.</summary>
    public void BeginSequence(int count) => _state.AppendTagged(MemoTag.Sequence, (uint)LittleEndian(NonNegative(count)));

    /// <summary>Begins a record or struct of <paramref name="memberCount"/> members; write them next, in declaration order.</summary>
    public void BeginComposite(int memberCount) =>
        _state.AppendTagged(MemoTag.Composite, (uint)LittleEndian(NonNegative(memberCount, nameof(memberCount))));

    /// <summary>Begins a tuple of <paramref name="count"/> items; write each item next.</summary>
    public void BeginTuple(int count) => _state.AppendTagged(MemoTag.Tuple, (uint)LittleEndian(NonNegative(count)));

    /// <summary>
    /// Marks the start of what an <see cref="IMemoHashable"/> writes about itself. No length follows, so what it writes
    /// must delimit itself: a fixed number of values, or <see cref="BeginSequence"/> before a variable number.
    /// </summary>
    public void BeginHashable() => _state.Append(MemoTag.Hashable);

    /// <summary>
    /// Writes an <see cref="IMemoHashable"/>: a null, or <see cref="BeginHashable"/> followed by what the value writes
    /// in <see cref="IMemoHashable.WriteMemoHash"/>. A struct is not boxed.
    /// </summary>
    public void WriteHashable<T>(T value)
        where T : IMemoHashable?
    {
        // The IsValueType test comes first so that no struct is boxed for the null check, even without optimization.
        if (!typeof(T).IsValueType && value is null)
        {
            WriteNull();
            return;
        }

        BeginHashable();
        value!.WriteMemoHash(ref this);
    }

    /// <summary>
    /// Returns the hash of everything written: XXH3-128 (seed 0) of the stream, <see cref="MemoHash128.High"/> its high
    /// 64 bits and <see cref="MemoHash128.Low"/> its low 64 bits. Call it once.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The hasher is <c>default(MemoHasher)</c>, or <see cref="Finish"/> was already called.
    /// </exception>
    public MemoHash128 Finish()
    {
        if (!_ready)
        {
            throw new InvalidOperationException(
                "This MemoHasher is finished or was never started: create one with new MemoHasher() and call Finish once.");
        }

        _ready = false;
        return _state.Hash();
    }

    /// <summary>The hash of an array of primitives alone: a new hasher, <see cref="WriteArray{T}"/>, <see cref="Finish"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not a type <see cref="WriteArray{T}"/> takes.</exception>
    public static MemoHash128 HashArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        var hasher = new MemoHasher();
        hasher.WriteArray(values);
        return hasher.Finish();
    }

    /// <summary>Appends raw bytes to the stream, bypassing the encoding: for tests of the hash itself.</summary>
    internal void WriteRawBytes(ReadOnlySpan<byte> bytes) => _state.Append(bytes);

    // typeof(T) == typeof(X) is folded by the JIT for value types, so each instantiation is a constant.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ElementTag<T>()
    {
        if (typeof(T) == typeof(bool)) return MemoTag.Boolean;
        if (typeof(T) == typeof(sbyte)) return MemoTag.SByte;
        if (typeof(T) == typeof(byte)) return MemoTag.Byte;
        if (typeof(T) == typeof(short)) return MemoTag.Int16;
        if (typeof(T) == typeof(ushort)) return MemoTag.UInt16;
        if (typeof(T) == typeof(int)) return MemoTag.Int32;
        if (typeof(T) == typeof(uint)) return MemoTag.UInt32;
        if (typeof(T) == typeof(long)) return MemoTag.Int64;
        if (typeof(T) == typeof(ulong)) return MemoTag.UInt64;
        if (typeof(T) == typeof(char)) return MemoTag.Char;
        if (typeof(T) == typeof(float)) return MemoTag.Single;
        if (typeof(T) == typeof(double)) return MemoTag.Double;
        throw UnsupportedElementType(typeof(T));
    }

    private static ArgumentException UnsupportedElementType(Type type) => new(
        $"MemoHasher.WriteArray cannot hash elements of type {type}: it takes bool, sbyte, byte, short, ushort, int, " +
        "uint, long, ulong, char, float and double. Write other elements with BeginSequence and one Write per element.",
        "values");

    private static int NonNegative(int count, [CallerArgumentExpression(nameof(count))] string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count, name);
        return count;
    }

    // Big-endian hosts only: hashes the elements with each one's bytes reversed, as they are laid out little-endian.
    private static UInt128 HashByteSwapped(ReadOnlySpan<byte> bytes, int elementSize)
    {
        var hash = new XxHash128();
        Span<byte> chunk = stackalloc byte[ChunkBytes];
        while (!bytes.IsEmpty)
        {
            int length = Math.Min(bytes.Length, ChunkBytes);
            for (int element = 0; element < length; element += elementSize)
            {
                for (int i = 0; i < elementSize; i++)
                {
                    chunk[element + i] = bytes[element + elementSize - 1 - i];
                }
            }

            hash.Append(chunk[..length]);
            bytes = bytes[length..];
        }

        return hash.GetCurrentHashAsUInt128();
    }

    private static short LittleEndian(short value) =>
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private static ushort LittleEndian(ushort value) =>
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private static int LittleEndian(int value) =>
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private static uint LittleEndian(uint value) =>
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private static long LittleEndian(long value) =>
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);

    private static ulong LittleEndian(ulong value) =>
        BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
}
