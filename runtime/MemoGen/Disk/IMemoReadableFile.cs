using System;

namespace MemoGen.Disk;

/// <summary>A file open for reading through <see cref="IMemoFileSystem"/>.</summary>
internal interface IMemoReadableFile : IDisposable
{
    /// <summary>The file's length when it was opened.</summary>
    long Length { get; }

    /// <summary>The file's last write time (asked of the open file, not by path).</summary>
    DateTime LastWriteTimeUtc { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns how many (0 at the end).</summary>
    int Read(Span<byte> buffer, long offset);

    /// <summary>
    /// Maps <paramref name="length"/> bytes at <paramref name="offset"/> into memory, copy-on-write, without reading
    /// them. The view outlives this file object.
    /// </summary>
    MemoMappedView Map(long offset, long length);
}
