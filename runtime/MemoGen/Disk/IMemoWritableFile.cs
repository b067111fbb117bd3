using System;

namespace MemoGen.Disk;

/// <summary>A new file open for writing through <see cref="IMemoFileSystem"/>.</summary>
internal interface IMemoWritableFile : IDisposable
{
    /// <summary>Writes all of <paramref name="data"/> at <paramref name="offset"/>.</summary>
    void Write(ReadOnlySpan<byte> data, long offset);

    /// <summary>Flushes what was written to the storage device, so it survives a crash of the machine.</summary>
    void FlushToDisk();
}
