using System;
using System.IO.Hashing;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// The content address of one 4 MiB chunk of the PostgreSQL chunk store: SHA-256 (hardware-accelerated where the CPU
/// has SHA extensions; the address before) against XXH3-128 from System.IO.Hashing (the address now).
/// </summary>
public class PostgresChunkHashBenchmarks
{
    private readonly byte[] _chunk = new byte[4 * 1024 * 1024];

    [GlobalSetup]
    public void Setup() => new Random(4).NextBytes(_chunk);

    [Benchmark(Baseline = true)]
    public byte[] Sha256() => SHA256.HashData(_chunk);

    [Benchmark]
    public byte[] XxHash128Address() => XxHash128.Hash(_chunk);
}
