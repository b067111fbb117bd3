using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// The stable hash of a small typed key (three ints and a short string, the canonical encoding of docs/key-hash.md):
/// the hand-written dual XXH64 behind <see cref="MemoHasher"/> against System.IO.Hashing's XXH3-128, incremental (a new
/// hasher per key, one append per value) and one-shot over the key's bytes gathered on the stack.
/// </summary>
[MemoryDiagnoser]
public class SmallKeyHashBenchmarks
{
    private const byte Int32Tag = 0x06;
    private const byte StringTag = 0x0E;

    private readonly int _a = 3;
    private readonly int _b = 1_000_000;
    private readonly int _c = -7;
    private readonly string _label = "planck-hfi-353";

    [Benchmark(Baseline = true)]
    public ulong DualXxh64MemoHasher()
    {
        var hasher = new MemoHasher();
        hasher.Write(_a);
        hasher.Write(_b);
        hasher.Write(_c);
        hasher.Write(_label);
        return hasher.Finish().Low;
    }

    [Benchmark]
    public ulong XxHash128Incremental()
    {
        var hasher = new XxHash128();
        Span<byte> value = stackalloc byte[5];
        AppendInt(hasher, value, _a);
        AppendInt(hasher, value, _b);
        AppendInt(hasher, value, _c);
        Span<byte> text = stackalloc byte[64];
        hasher.Append(text[..EncodeString(text, _label)]);
        return (ulong)hasher.GetCurrentHashAsUInt128();
    }

    [Benchmark]
    public ulong XxHash128OneShot()
    {
        Span<byte> key = stackalloc byte[128];
        int length = 0;
        foreach (int value in (ReadOnlySpan<int>)[_a, _b, _c])
        {
            key[length] = Int32Tag;
            BinaryPrimitives.WriteInt32LittleEndian(key[(length + 1)..], value);
            length += 5;
        }

        length += EncodeString(key[length..], _label);
        return (ulong)XxHash128.HashToUInt128(key[..length]);
    }

    private static void AppendInt(XxHash128 hasher, Span<byte> buffer, int value)
    {
        buffer[0] = Int32Tag;
        BinaryPrimitives.WriteInt32LittleEndian(buffer[1..], value);
        hasher.Append(buffer);
    }

    private static int EncodeString(Span<byte> destination, string value)
    {
        destination[0] = StringTag;
        int bytes = Encoding.UTF8.GetBytes(value, destination[5..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], (uint)bytes);
        return 5 + bytes;
    }
}
