using System;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// The content hash of a 256 MB <c>double[]</c> argument: MemoHasher.HashArray (XXH3-128 of the content, then of the short stream around it) against System.IO.Hashing's
/// XXH3-64 and XXH128 over the same bytes, and against copying them into an existing buffer (baseline; target for the
/// key hash: at least 0.7x the copy's throughput, a ratio of at most 1.43).
/// </summary>
public class KeyHashLibraryBenchmarks
{
    private const int Bytes = 256 * 1024 * 1024;

    private double[] _values = [];
    private double[] _destination = [];

    [GlobalSetup]
    public void Setup()
    {
        _values = DiskBenchContext.ArrayOf(Bytes >> 20);
        _destination = new double[_values.Length];
    }

    [Benchmark(Baseline = true)]
    public double CopyIntoExistingBuffer()
    {
        _values.AsSpan().CopyTo(_destination);
        return _destination[^1];
    }

    [Benchmark]
    public MemoHash128 MemoHasherHashArray() => MemoHasher.HashArray<double>(_values);

    [Benchmark]
    public ulong Xxh3() => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(_values.AsSpan()));

    [Benchmark]
    public UInt128 Xxh128() => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(_values.AsSpan()));
}
