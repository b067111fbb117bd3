using System;

namespace MemoGen.Disk;

/// <summary>A file found by <see cref="IMemoFileSystem.ListFiles"/>.</summary>
/// <param name="Path">The full path.</param>
/// <param name="Name">The file name.</param>
/// <param name="Length">The length in bytes.</param>
/// <param name="LastWriteTimeUtc">The last write time.</param>
internal readonly record struct MemoFileEntry(string Path, string Name, long Length, DateTime LastWriteTimeUtc);
