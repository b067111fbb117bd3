using System;

namespace MemoGen.Disk;

/// <summary>
/// A small JSON payload held in the metadata file as its <c>inline</c> value, so that a small entry is one file and a
/// hit on it opens one file. The checksum covers the exact bytes of that value in the file.
/// </summary>
/// <param name="Utf8">The payload's JSON, byte for byte as it stands in the metadata file.</param>
/// <param name="Checksum">The <see cref="BlockChecksum"/> of <paramref name="Utf8"/>.</param>
internal sealed record InlinePayload(ReadOnlyMemory<byte> Utf8, ulong Checksum)
{
    /// <summary>The largest payload held inline: 4 KiB.</summary>
    public const int MaxLength = 4096;
}
