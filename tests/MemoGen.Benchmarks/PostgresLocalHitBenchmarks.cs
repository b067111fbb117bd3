using System.IO;
using BenchmarkDotNet.Attributes;
using MemoGen.PostgresTests.Support;

namespace MemoGen.Benchmarks;

/// <summary>
/// What a local hit pays for having the shared tier configured (target: at least 0.9x the speed without it): a memory
/// hit, and a disk hit from a fresh context, each with and without <c>UsePostgres</c>.
/// </summary>
[MemoryDiagnoser]
public class PostgresLocalHitBenchmarks
{
    private PostgresServer? _server;
    private MemoOptions _plain = new();
    private MemoOptions _shared = new();
    private PostgresBenchContext? _plainContext;
    private PostgresBenchContext? _sharedContext;

    [GlobalSetup]
    public void Setup()
    {
        _server = PostgresBenchContext.StartServer();
        _plain = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolder("pg-plain") };
        _shared = PostgresBenchContext.SharedOptions(PostgresBenchContext.NewDatabase(_server, "local"));
        _shared.CacheDirectory = DiskBenchContext.NewFolder("pg-shared");
        _plainContext = new PostgresBenchContext(_plain);
        _sharedContext = new PostgresBenchContext(_shared);
        _plainContext.Kilobyte(1);
        _sharedContext.Kilobyte(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Directory.Delete(_plain.CacheDirectory!, recursive: true);
        Directory.Delete(_shared.CacheDirectory!, recursive: true);
        _server?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int MemoryHitWithoutSharedTier() => _plainContext!.Kilobyte(1).Length;

    [Benchmark]
    public int MemoryHitWithSharedTier() => _sharedContext!.Kilobyte(1).Length;

    [Benchmark]
    public int DiskHitWithoutSharedTier() => new PostgresBenchContext(_plain).Kilobyte(1).Length;

    [Benchmark]
    public int DiskHitWithSharedTier() => new PostgresBenchContext(_shared).Kilobyte(1).Length;
}
