using System;
using System.IO;

namespace MemoGen.Disk;

/// <summary>
/// The layout shared by the serializing codecs: a value is one payload file, checksummed from its start, or a small
/// payload held inline in the metadata file.
/// </summary>
internal static class SinglePayloadFile
{
    /// <summary>Writes <paramref name="bytes"/> as this write's payload file with the extension <paramref name="format"/>, flushed to disk.</summary>
    public static WrittenPayload Write(in PayloadTarget target, string format, ReadOnlySpan<byte> bytes)
    {
        string path = target.PathOf(format);
        using (IMemoWritableFile file = target.FileSystem.CreateNew(path, bytes.Length))
        {
            file.Write(bytes, 0);
            file.FlushToDisk();
        }

        return new WrittenPayload([new PayloadFile(Path.GetFileName(path), bytes.Length, 0, BlockChecksum.Of(bytes))], format);
    }

    /// <summary>A payload held in the metadata file, with <paramref name="utf8"/> its exact JSON value.</summary>
    public static WrittenPayload Inline(string format, byte[] utf8) => new([], format, new InlinePayload(utf8, BlockChecksum.Of(utf8)));

    /// <summary>The inline payload of <paramref name="metadata"/>, checksum verified, or null when the value is in a file.</summary>
    /// <exception cref="InvalidEntryException">The inline payload's checksum does not match.</exception>
    public static ReadOnlyMemory<byte>? VerifiedInline(EntryMetadata metadata)
    {
        if (metadata.Inline is not { } inline || metadata.Files.Count != 0)
        {
            return null;
        }

        if (BlockChecksum.Of(inline.Utf8.Span) != inline.Checksum)
        {
            throw new InvalidEntryException("the inline payload's checksum does not match");
        }

        return inline.Utf8;
    }

    /// <summary>Reads the one payload file <paramref name="metadata"/> names, after checking its length and checksum.</summary>
    /// <exception cref="InvalidEntryException">The entry does not have that layout, or the file does not match it.</exception>
    public static byte[] Read(in PayloadSource source, EntryMetadata metadata)
    {
        if (metadata.Files.Count != 1 || metadata.Files[0].ChecksumOffset != 0 || metadata.Inline is not null)
        {
            throw new InvalidEntryException("a serialized entry has one payload file, checksummed from its start, or an inline payload");
        }

        PayloadFile expected = metadata.Files[0];
        byte[] bytes;
        using (IMemoReadableFile file = source.FileSystem.OpenRead(source.PathOf(expected)))
        {
            if (file.Length != expected.Bytes || file.Length > Array.MaxLength)
            {
                throw new InvalidEntryException($"the payload has {file.Length} bytes, not {expected.Bytes}");
            }

            bytes = GC.AllocateUninitializedArray<byte>((int)file.Length);
            RawPayloadIO.ReadExactly(file, bytes, 0);
        }

        if (BlockChecksum.Of(bytes) != expected.Checksum)
        {
            throw new InvalidEntryException("the payload's checksum does not match");
        }

        return bytes;
    }
}
