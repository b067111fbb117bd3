using System;
using System.IO;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace MemoGen.Benchmarks;

/// <summary>
/// Writing a 256 MB array entry durably (payload and metadata flushed to disk, renamed into place) against
/// <c>File.WriteAllBytes</c>-style writing of the same bytes plus a flush to disk (target: at least 0.7x its
/// throughput, that is a ratio of at most 1.43). Both write to a folder on a real disk, never a tmpfs.
/// </summary>
public class DiskWriteBenchmarks
{
    private const int Megabytes = 256;

    private MemoOptions _options = new();
    private DiskBenchContext _context = null!;
    private string _plainFile = "";
    private double[] _source = [];

    [GlobalSetup]
    public void Setup()
    {
        _options = new MemoOptions { CacheDirectory = DiskBenchContext.NewFolderOnDisk("write") };
        _context = new DiskBenchContext(_options);
        _source = DiskBenchContext.ArrayOf(Megabytes);
        _plainFile = Path.Combine(_options.CacheDirectory!, "plain.bin");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_options.CacheDirectory!, recursive: true);

    [Benchmark(Baseline = true)]
    public long WriteAllBytesAndFlush()
    {
        using var file = new FileStream(_plainFile, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        file.Write(MemoryMarshal.AsBytes(_source.AsSpan()));
        file.Flush(flushToDisk: true);
        return file.Length;
    }

    [Benchmark]
    public int WriteEntry() => _context.LoadedMemo.Recompute(Megabytes).Length;
}
