using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using MemoGen.Disk;

namespace MemoGen.Inspection;

/// <summary>
/// Checks an entry the way a load would, without knowing the function's types: the metadata parses and belongs to
/// its file name and folder, every payload file it names is a real file of the recorded length whose block checksum
/// matches, a raw payload's header is whole and agrees with the metadata, and an inline payload matches its checksum.
/// </summary>
internal static class EntryVerifier
{
    /// <summary>Checks <paramref name="entry"/> of <paramref name="cache"/>.</summary>
    public static EntryCheck Verify(CacheFolder cache, InspectedEntry entry)
    {
        EntryMetadata? metadata = null;
        try
        {
            metadata = cache.ReadMetadata(entry);
            return new EntryCheck(entry, metadata, FindProblem(cache, entry, metadata));
        }
        catch (InvalidEntryException exception)
        {
            return new EntryCheck(entry, metadata, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new EntryCheck(entry, metadata, "cannot be read: " + exception.Message);
        }
    }

    private static string? FindProblem(CacheFolder cache, InspectedEntry entry, EntryMetadata metadata)
    {
        if (metadata.KeyHash != entry.Hash)
        {
            return $"the metadata is of key {metadata.KeyHash}, not {entry.Hash}";
        }

        if (DiskLayout.FolderName(metadata.Function) != entry.FunctionFolder)
        {
            return $"the metadata is of function '{metadata.Function}', which does not live in folder '{entry.FunctionFolder}'";
        }

        if (metadata.Inline is { } inline && BlockChecksum.Of(inline.Utf8.Span) != inline.Checksum)
        {
            return "the inline payload's checksum does not match";
        }

        foreach (PayloadFile file in metadata.Files)
        {
            if (FindProblem(cache, entry, file) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? FindProblem(CacheFolder cache, InspectedEntry entry, PayloadFile payload)
    {
        if (!DiskLayout.IsPayloadNameOf(payload.Name, entry.Hash))
        {
            return $"the metadata names the file '{payload.Name}', which is not a payload of this entry";
        }

        string path = Path.Combine(entry.Directory, payload.Name);
        IMemoReadableFile file;
        try
        {
            file = cache.FileSystem.OpenRead(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"the payload file {payload.Name} is missing";
        }

        using (file)
        {
            if (file.Length != payload.Bytes)
            {
                return $"the payload file {payload.Name} has {file.Length} bytes, not {payload.Bytes}";
            }

            if (payload.ChecksumOffset > file.Length)
            {
                return $"the payload file {payload.Name} is shorter than its checksum offset";
            }

            if (payload.Name.EndsWith(".raw", StringComparison.Ordinal) && RawHeaderProblem(file, entry.Hash, payload) is { } problem)
            {
                return problem;
            }

            ulong checksum = RawPayloadIO.ChecksumOf(file, payload.ChecksumOffset);
            return checksum == payload.Checksum
                ? null
                : $"the payload file {payload.Name} has checksum {BlockChecksum.Format(checksum)}, not {BlockChecksum.Format(payload.Checksum)}";
        }
    }

    private static string? RawHeaderProblem(IMemoReadableFile file, string hash, PayloadFile payload)
    {
        if (payload.ChecksumOffset != RawHeader.DataOffset)
        {
            return $"the raw payload {payload.Name} is checksummed from {payload.ChecksumOffset}, not {RawHeader.DataOffset}";
        }

        byte[] page = new byte[RawHeader.DataOffset];
        RawPayloadIO.ReadExactly(file, page, 0);

        // The tool does not know the element type: it checks the header against the element the header names.
        var element = new RawElement(
            page[16], (int)BinaryPrimitives.ReadUInt32LittleEndian(page.AsSpan(20)), BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(24)), "element");
        var key = new MemoHash128(
            ulong.Parse(hash.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            ulong.Parse(hash.AsSpan(16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        RawHeader header = RawHeader.Read(page, file.Length, element, key);
        return header.DataChecksum == payload.Checksum ? null : $"the raw payload {payload.Name}'s header and metadata disagree on its checksum";
    }
}
