using System;
using System.IO;
using System.Threading;
using BenchmarkDotNet.Attributes;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;

namespace MemoGen.Benchmarks;

/// <summary>
/// 512 MiB written and read through the chunk store against the same bytes written to (and flushed) and read from a
/// local file. Targets: write at least 0.25x, read at least 0.4x the local speed. Each write iteration stamps every
/// chunk afresh, so that none is skipped as already stored.
/// Run as a single-shot measurement: <c>--strategy Monitoring --warmupCount 1 --iterationCount 3</c>.
/// </summary>
public class PostgresChunkBenchmarks
{
    private const int Size = 512 * 1024 * 1024;
    private const int ChunkSize = 4 * 1024 * 1024;
    private readonly byte[] _payload = new byte[Size];
    private PostgresServer? _server;
    private PostgresStore? _store;
    private static readonly EntryKey Key = new("bench_chunks", "v1", new MemoHash128(5, 12));
    private string _folder = "";
    private string _file = "";
    private long _stamp;

    [GlobalSetup]
    public void Setup()
    {
        new Random(512).NextBytes(_payload);
        _server = PostgresBenchContext.StartServer();
        string connectionString = PostgresBenchContext.NewDatabase(_server, "chunks");
        _store = new PostgresStore(connectionString);
        _store.EnsureReadyAsync(CancellationToken.None).GetAwaiter().GetResult();
        ClaimOutcome claimed = _store.ClaimAsync(Key, CancellationToken.None).GetAwaiter().GetResult();
        claimed.Claim!.PublishAsync(new MemoryStream(_payload, writable: false), CancellationToken.None).GetAwaiter().GetResult();
        _folder = DiskBenchContext.NewFolderOnDisk("pg-chunks");
        _file = Path.Combine(_folder, "payload.bin");
        File.WriteAllBytes(_file, _payload);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup(Targets = [nameof(WriteLocalFile), nameof(WriteChunks)])]
    public void StampChunks()
    {
        _stamp++;
        for (int offset = 0; offset < Size; offset += ChunkSize)
        {
            BitConverter.TryWriteBytes(_payload.AsSpan(offset), _stamp);
        }
    }

    [Benchmark]
    public void WriteLocalFile()
    {
        using var file = new FileStream(Path.Combine(_folder, "written.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        file.Write(_payload);
        file.Flush(flushToDisk: true);
    }

    [Benchmark]
    public long WriteChunks() =>
        _store!.WriteChunksAsync(new MemoryStream(_payload, writable: false), CancellationToken.None).GetAwaiter().GetResult().Size;

    [Benchmark]
    public long ReadLocalFile()
    {
        using var file = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        file.CopyTo(Stream.Null, ChunkSize);
        return file.Length;
    }

    [Benchmark]
    public bool ReadChunks() => _store!.TryRead(Key, Stream.Null);
}
