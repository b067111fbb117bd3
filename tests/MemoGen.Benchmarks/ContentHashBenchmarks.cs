using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// Content hashing of a big array, the cost of keying a memoized call by a 256 MB <c>double[]</c>:
/// MemoHasher against SHA-256 (hardware-accelerated where the CPU has SHA extensions) over the same bytes.
/// </summary>
[MemoryDiagnoser]
public class ContentHashBenchmarks
{
    private const int Bytes = 256 * 1024 * 1024;

    private double[] _values = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(12345);
        _values = new double[Bytes / sizeof(double)];
        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = random.NextDouble();
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256() => SHA256.HashData(MemoryMarshal.AsBytes(_values.AsSpan()));

    [Benchmark]
    public MemoHash128 MemoHasherHashArray() => MemoHasher.HashArray<double>(_values);
}
