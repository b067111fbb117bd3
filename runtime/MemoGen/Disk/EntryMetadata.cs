using System;
using System.Collections.Generic;

namespace MemoGen.Disk;

/// <summary>
/// What an entry's metadata file says: which function, code and call the entry belongs to, when and how fast it was
/// computed, and the payload files with their lengths and checksums. Its rename into place commits the entry.
/// </summary>
internal sealed record EntryMetadata
{
    /// <summary>The entry format this runtime writes and reads.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The entry format.</summary>
    public int EntryFormat { get; init; } = CurrentFormat;

    /// <summary>The function's cache name.</summary>
    public required string Function { get; init; }

    /// <summary>The version of the code that computed the value.</summary>
    public required string CodeVersion { get; init; }

    /// <summary>The stable key hash (32 hex digits).</summary>
    public required string KeyHash { get; init; }

    /// <summary>The .NET type of the cached value, for checking only: it never chooses a type to create.</summary>
    public required string ResultType { get; init; }

    /// <summary>A description of the call for people, such as <c>rms(map=MapDescriptor { ... })</c>.</summary>
    public string Call { get; init; } = "";

    /// <summary>When the value was computed and written.</summary>
    public DateTime CreatedUtc { get; init; }

    /// <summary>How long the computation took.</summary>
    public double ComputeSeconds { get; init; }

    /// <summary>How the payload is written: <c>raw</c>, a serializer's format such as <c>json</c>, or <c>cacher:&lt;name&gt;</c>.</summary>
    public required string Format { get; init; }

    /// <summary>A short description of the value for people, such as <c>double[1000,3]</c>.</summary>
    public string Value { get; init; } = "";

    /// <summary>The payload files, each named <c>&lt;key hash&gt;.&lt;write id&gt;.&lt;extension&gt;</c>.</summary>
    public required IReadOnlyList<PayloadFile> Files { get; init; }

    /// <summary>A small JSON payload held in the metadata itself; then <see cref="Files"/> is empty.</summary>
    public InlinePayload? Inline { get; init; }

    /// <summary>The total length of the payload (files, or the inline value).</summary>
    public long PayloadBytes
    {
        get
        {
            long total = Inline?.Utf8.Length ?? 0;
            foreach (PayloadFile file in Files)
            {
                total += file.Bytes;
            }

            return total;
        }
    }
}

/// <summary>One payload file of an entry (a class: lists of it share the core library's precompiled code for references).</summary>
/// <param name="Name">The file name, in the entry's folder.</param>
/// <param name="Bytes">The file's length.</param>
/// <param name="ChecksumOffset">Where the checksummed content starts (after a raw payload's header; else 0).</param>
/// <param name="Checksum">The <see cref="BlockChecksum"/> of the file from <paramref name="ChecksumOffset"/> to its end.</param>
internal sealed record PayloadFile(string Name, long Bytes, long ChecksumOffset, ulong Checksum);
