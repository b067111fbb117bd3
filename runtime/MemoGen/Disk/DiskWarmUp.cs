using System;
using System.IO;
using System.Threading;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// Does, on a background thread, the part of a process's first disk hit that does not depend on the caller's types:
/// the runtime's first calls into the metadata reader, the path helpers, the file system and reflection's generic
/// instantiation, and queuing the metrics' meter. Started when the first context with a cache folder is created, it
/// runs on another core while the caller's thread compiles the generated code and its instantiations, and the first
/// hit finds that work done (on two cores, a first raw disk hit takes 0.8 times as long; docs/performance.md). It reads
/// a sample held in memory and the runtime's own assembly file, asks whether one file exists in the cache folder, and
/// writes nothing.
/// </summary>
internal static class DiskWarmUp
{
    private static int s_started;

    /// <summary>A valid metadata document of the current entry format, parsed on the warm-up thread.</summary>
    internal static ReadOnlySpan<byte> SampleMetadata => """
        {
          "entryFormat": 1,
          "function": "warm_up",
          "codeVersion": "0000000000000000",
          "keyHash": "00000000000000000000000000000001",
          "resultType": "System.ReadOnlyMemory\u00601[System.Double]",
          "call": "warm_up()",
          "created": "2026-01-01T00:00:00.0000000Z",
          "computeSeconds": 0.5,
          "format": "raw",
          "value": "double[1]",
          "payloadBytes": 4104,
          "files": [
            {
              "name": "00000000000000000000000000000001.0000000000000000.raw",
              "bytes": 4104,
              "checksumOffset": 4096,
              "checksum": "0000000000000000"
            }
          ]
        }
        """u8;

    /// <summary>Starts the warm-up once per process, for a store in <paramref name="cacheDirectory"/>; later calls do nothing.</summary>
    public static void Begin(string cacheDirectory)
    {
        if (Interlocked.Exchange(ref s_started, 1) == 0)
        {
            WarmUpThread.Start("MemoGen disk warm-up", () => Run(cacheDirectory));
        }
    }

    /// <summary>The warm-up itself, in the order a first hit needs its parts.</summary>
    internal static void Run(string cacheDirectory)
    {
        MemoMetrics.QueueMeter();
        _ = RawShapes.For(typeof(ReadOnlyMemory<byte>));
        string functionDirectory = DiskLayout.FunctionDirectory(Path.GetFullPath(cacheDirectory), "warm_up");
        EntryPaths paths = EntryPaths.For(functionDirectory, new MemoHash128(0, 1));
        _ = PhysicalFileSystem.Instance.FileExists(paths.MetadataPath);
        _ = EntryMetadataJson.Read(SampleMetadata);
        ReadOwnAssembly();
    }

    // Opens and reads a file that surely exists, through the path a metadata read takes. Single-file apps have no path.
    private static void ReadOwnAssembly()
    {
        string path = typeof(DiskWarmUp).Assembly.Location;
        if (path.Length == 0)
        {
            return;
        }

        using IMemoReadableFile file = PhysicalFileSystem.Instance.OpenRead(path);
        Span<byte> header = stackalloc byte[64];
        RawPayloadIO.ReadExactly(file, header, 0);
        _ = file.LastWriteTimeUtc;
    }
}
