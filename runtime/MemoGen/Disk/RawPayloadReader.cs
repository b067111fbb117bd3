using System;
using System.Runtime.InteropServices;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// Reads a raw payload for <see cref="RawCodec"/>: checks the file against the metadata and the header
/// against the expected shape, then reads and checksums the data into new storage, or maps it. Not generic: the typed
/// codec only wraps what this returns, so a first disk hit compiles next to nothing per result type.
/// </summary>
internal static class RawPayloadReader
{
    /// <summary>
    /// Reads the payload <paramref name="metadata"/> names, for a result of <paramref name="shape"/>. Throws
    /// <see cref="InvalidEntryException"/> for a bad payload. A payload read into memory is remembered for provenance.
    /// </summary>
    public static RawPayload Read(in PayloadSource source, EntryMetadata metadata, RawShape shape, out long bytesRead)
    {
        if (metadata.Files.Count != 1 || metadata.Files[0].ChecksumOffset != RawHeader.DataOffset || metadata.Inline is not null)
        {
            throw new InvalidEntryException("a raw entry has one payload file, checksummed after its header");
        }

        PayloadFile expected = metadata.Files[0];
        using IMemoReadableFile file = source.FileSystem.OpenRead(source.PathOf(expected));
        if (file.Length != expected.Bytes)
        {
            throw new InvalidEntryException($"the payload has {file.Length} bytes, not {expected.Bytes}");
        }

        byte[] page = new byte[RawHeader.DataOffset];
        if (file.Length >= RawHeader.DataOffset)
        {
            RawPayloadIO.ReadExactly(file, page, 0);
        }

        RawHeader header = RawHeader.Read(page, file.Length, shape.Element, source.Key);
        if (header.DataChecksum != expected.Checksum)
        {
            throw new InvalidEntryException("the payload's header and the metadata disagree on the checksum");
        }

        if (!header.IsNull && header.Lengths.Length != shape.Rank)
        {
            throw new InvalidEntryException($"the payload has rank {header.Lengths.Length}, not {shape.Rank}");
        }

        bytesRead = RawHeader.DataOffset;
        if (header.IsNull)
        {
            return default;
        }

        if (source.MappedViews is { } views && shape.CanMap && header.DataLength > 0)
        {
            // Mapped, not read: the header and the length are checked; the data's checksum is not, as that would read it.
            MemoMappedView view = file.Map(RawHeader.DataOffset, header.DataLength);
            views.Retain(view);
            return new RawPayload(null, view, (int)header.Count);
        }

        Array storage = shape.Allocate(header);
        if (header.DataLength > 0)
        {
            ulong checksum = RawPayloadIO.Read(file, ref MemoryMarshal.GetArrayDataReference(storage), header.DataLength, RawHeader.DataOffset);
            if (checksum != header.DataChecksum)
            {
                throw new InvalidEntryException("the payload's checksum does not match");
            }

            bytesRead += header.DataLength;
        }

        MemoProvenance.RegisterLoaded(storage, header.DataLength, header.Element.Kind, source.Function, source.Key);
        return new RawPayload(storage, null, (int)header.Count);
    }
}

/// <summary>A raw payload as read: its storage, or a view of the mapped file, of <paramref name="Count"/> elements; neither for a null value.</summary>
internal readonly record struct RawPayload(Array? Storage, MemoMappedView? MappedView, int Count);
