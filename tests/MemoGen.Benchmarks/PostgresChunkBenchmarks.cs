using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;

namespace MemoGen.Benchmarks;

/// <summary>
/// A 512 MiB result written to and read from PostgreSQL as users run it (no cache directory: a remote write of a
/// computed result, a remote hit into a fresh context) against the local disk tier doing the same (the entry written
/// durably; loaded, verified, into a fresh context). Targets: write at least 0.25x, read at least 0.4x the disk tier's
/// speed. The raw chunk store's write and read of the same bytes are extra rows, and the writes on one connection
/// instead of two (<see cref="PostgresStoreSettings.WriteLanes"/>), the reads on one and three instead of two
/// (<see cref="PostgresStoreSettings.ReadLanes"/>). Each write iteration stamps every 4 MiB of the
/// payload afresh and empties the store, so that no chunk is skipped as already stored.
/// Run as a single-shot measurement: <c>--strategy Monitoring --warmupCount 1 --iterationCount 3</c>.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PostgresChunkBenchmarks
{
    private const int Megabytes = 512;
    private const int StampEvery = 4 * 1024 * 1024;
    private static readonly PostgresStoreSettings OneLane = new() { WriteLanes = 1 };
    private static readonly PostgresStoreSettings ReadOnOneLane = new() { ReadLanes = 1 };
    private static readonly PostgresStoreSettings ReadOnThreeLanes = new() { ReadLanes = 3 };
    private static readonly EntryKey RawKey = new("bench_chunks", "v1", new MemoHash128(5, 12));
    private double[] _payload = [];
    private byte[] _raw = [];
    private PostgresServer? _server;
    private PostgresStore? _rawStore;
    private PostgresStore? _rawReaderOneLane;
    private PostgresStore? _rawReaderThreeLanes;
    private PostgresStore? _rawWriter;
    private PostgresStore? _rawWriterOneLane;
    private string _writeDatabase = "";
    private MemoOptions _remoteWrite = new();
    private MemoOptions _remoteWriteOneLane = new();
    private MemoOptions _remoteHit = new();
    private MemoOptions _disk = new();
    private DiskBenchContext? _diskWriter;
    private long _stamp;

    [GlobalSetup]
    public void Setup()
    {
        _payload = DiskBenchContext.ArrayOf(Megabytes);
        _raw = MemoryMarshal.AsBytes(_payload.AsSpan()).ToArray();
        _server = PostgresBenchContext.StartServer();
        string raw = PostgresBenchContext.NewDatabase(_server, "chunks");
        _rawStore = new PostgresStore(raw);
        _rawStore.EnsureReadyAsync(CancellationToken.None).GetAwaiter().GetResult();
        ClaimOutcome claimed = _rawStore.Claim(RawKey, CancellationToken.None);
        claimed.Claim!.PublishAsync(RawStream(), CancellationToken.None).GetAwaiter().GetResult();
        _rawReaderOneLane = new PostgresStore(raw, settings: ReadOnOneLane);
        _rawReaderThreeLanes = new PostgresStore(raw, settings: ReadOnThreeLanes);

        _remoteHit = PostgresBenchContext.SharedOptions(PostgresBenchContext.NewDatabase(_server, "hit"));
        new PostgresBenchContext(_remoteHit).Large(Megabytes);
        _writeDatabase = PostgresBenchContext.NewDatabase(_server, "write");
        _remoteWrite = PostgresBenchContext.SharedOptions(_writeDatabase);
        _remoteWriteOneLane = PostgresBenchContext.SharedOptions(_writeDatabase, OneLane);
        _rawWriter = new PostgresStore(_writeDatabase);
        _rawWriterOneLane = new PostgresStore(_writeDatabase, settings: OneLane);

        _disk = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolderOnDisk("pg-chunks") };
        _diskWriter = new DiskBenchContext(_disk);
        _diskWriter.Loaded(Megabytes);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rawStore?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rawReaderOneLane?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rawReaderThreeLanes?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rawWriter?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rawWriterOneLane?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server?.Dispose();
        Directory.Delete(_disk.CacheDirectory!, recursive: true);
    }

    [IterationSetup(Targets = [nameof(DiskTierWrite), nameof(RemoteWrite), nameof(RemoteWriteOneLane), nameof(RawChunkWrite), nameof(RawChunkWriteOneLane)])]
    public void StampAndEmpty()
    {
        _stamp++;
        Stamp(MemoryMarshal.AsBytes(_payload.AsSpan()), _stamp);
        Stamp(_raw, _stamp);

        PostgresBenchContext.Execute(_writeDatabase, "TRUNCATE memogen.entry_chunk, memogen.entry, memogen.chunk, memogen.chunk_piece");
    }

    [Benchmark(Baseline = true), BenchmarkCategory("write")]
    public int DiskTierWrite() => _diskWriter!.LoadedMemo.Recompute(Megabytes).Length;

    [Benchmark, BenchmarkCategory("write")]
    public int RemoteWrite() => new PostgresBenchContext(_remoteWrite).Large(Megabytes).Length;

    [Benchmark, BenchmarkCategory("write")]
    public int RemoteWriteOneLane() => new PostgresBenchContext(_remoteWriteOneLane).Large(Megabytes).Length;

    [Benchmark, BenchmarkCategory("write")]
    public long RawChunkWrite() =>
        _rawWriter!.WriteChunksAsync(RawStream(), CancellationToken.None).GetAwaiter().GetResult().Size;

    [Benchmark, BenchmarkCategory("write")]
    public long RawChunkWriteOneLane() =>
        _rawWriterOneLane!.WriteChunksAsync(RawStream(), CancellationToken.None).GetAwaiter().GetResult().Size;

    [Benchmark(Baseline = true), BenchmarkCategory("read")]
    public double DiskTierHit() => new DiskBenchContext(_disk).Loaded(Megabytes)[^1];

    [Benchmark, BenchmarkCategory("read")]
    public double RemoteHit() => new PostgresBenchContext(_remoteHit).Large(Megabytes)[^1];

    [Benchmark, BenchmarkCategory("read")]
    public bool RawChunkRead() => _rawStore!.TryRead(RawKey, Stream.Null);

    [Benchmark, BenchmarkCategory("read")]
    public bool RawChunkReadOneLane() => _rawReaderOneLane!.TryRead(RawKey, Stream.Null);

    [Benchmark, BenchmarkCategory("read")]
    public bool RawChunkReadThreeLanes() => _rawReaderThreeLanes!.TryRead(RawKey, Stream.Null);

    private MemoryStream RawStream() => new(_raw, writable: false);

    private static void Stamp(Span<byte> bytes, long stamp)
    {
        for (int offset = 0; offset < bytes.Length; offset += StampEvery)
        {
            BitConverter.TryWriteBytes(bytes[offset..], stamp);
        }
    }
}
