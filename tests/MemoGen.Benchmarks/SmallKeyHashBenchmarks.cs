using System;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// The stable hash of small typed keys through <see cref="MemoHasher"/>, the calls generated code makes: two ints and a
/// string, and a record of three members. Baseline: one-shot XXH3-128 over the first key's canonical bytes gathered by
/// hand on the stack, the floor for any hasher of that stream. The same file run against another runtime (before and
/// after a change of the hash) compares the two through this common baseline.
/// </summary>
[MemoryDiagnoser]
public class SmallKeyHashBenchmarks
{
    private const byte Int32Tag = 0x06;
    private const byte StringTag = 0x0E;

    private readonly int _a = 3;
    private readonly int _b = 1_000_000;
    private readonly string _label = "planck-hfi-353";
    private readonly double _weight = 0.5;

    [Benchmark(Baseline = true)]
    public ulong XxHash128OneShotByHand()
    {
        Span<byte> key = stackalloc byte[128];
        key[0] = Int32Tag;
        BinaryPrimitives.WriteInt32LittleEndian(key[1..], _a);
        key[5] = Int32Tag;
        BinaryPrimitives.WriteInt32LittleEndian(key[6..], _b);
        key[10] = StringTag;
        int bytes = Encoding.UTF8.GetBytes(_label, key[15..]);
        BinaryPrimitives.WriteUInt32LittleEndian(key[11..], (uint)bytes);
        return (ulong)XxHash128.HashToUInt128(key[..(15 + bytes)]);
    }

    [Benchmark]
    public ulong TwoIntsAndAString()
    {
        var hasher = new MemoHasher();
        hasher.Write(_a);
        hasher.Write(_b);
        hasher.Write(_label);
        return hasher.Finish().Low;
    }

    [Benchmark]
    public ulong ARecord()
    {
        var hasher = new MemoHasher();
        hasher.BeginComposite(3);
        hasher.Write(_a);
        hasher.Write(_label);
        hasher.Write(_weight);
        return hasher.Finish().Low;
    }
}
