using System;
using System.Runtime.InteropServices;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// Writes arrays and memories of unmanaged elements as raw little-endian bytes behind a <see cref="RawHeader"/>, one
/// file <c>&lt;hash&gt;.&lt;id&gt;.raw</c>, and reads them back: into memory, or as a view of the mapped file. A value
/// read back is remembered for provenance (<see cref="MemoProvenance"/>) as it is read.
/// </summary>
internal sealed class RawCodec<TResult> : IPayloadCodec<TResult>
{
    /// <summary>The payload file's extension.</summary>
    public const string Extension = "raw";

    private readonly RawShape<TResult> _shape;

    /// <summary>A codec for values of <paramref name="shape"/>.</summary>
    public RawCodec(RawShape<TResult> shape)
    {
        _shape = shape;
    }

    /// <inheritdoc />
    public string Format => "raw";

    /// <inheritdoc />
    public WrittenPayload Write(in PayloadTarget target, TResult value)
    {
        bool isNull = _shape.IsNull(value);
        long[] lengths = isNull ? [] : _shape.LengthsOf(value);
        long count = 1;
        foreach (long length in lengths)
        {
            count *= length;
        }

        var header = new RawHeader
        {
            IsNull = isNull,
            Element = _shape.Element,
            Lengths = lengths,
            LowerBounds = isNull ? [] : _shape.LowerBoundsOf(value),
            Count = isNull ? 0 : count,
            KeyHash = target.Key,
        };

        string path = target.PathOf(Extension);
        using IMemoWritableFile file = target.FileSystem.CreateNew(path, header.FileLength);
        ulong checksum = header.DataLength == 0
            ? BlockChecksum.Combine([])
            : RawPayloadIO.Write(file, ref _shape.DataOf(value), header.DataLength, RawHeader.DataOffset);
        header = new RawHeader
        {
            IsNull = header.IsNull,
            Element = header.Element,
            Lengths = header.Lengths,
            LowerBounds = header.LowerBounds,
            Count = header.Count,
            KeyHash = header.KeyHash,
            DataChecksum = checksum,
        };

        byte[] page = new byte[RawHeader.DataOffset];
        header.WriteTo(page);
        file.Write(page, 0);
        file.FlushToDisk();
        return new WrittenPayload(
            [new PayloadFile(System.IO.Path.GetFileName(path), header.FileLength, RawHeader.DataOffset, checksum)],
            header.Describe());
    }

    /// <inheritdoc />
    public TResult Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
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

        RawHeader header = RawHeader.Read(page, file.Length, _shape.Element, source.Key);
        if (header.DataChecksum != expected.Checksum)
        {
            throw new InvalidEntryException("the payload's header and the metadata disagree on the checksum");
        }

        if (!header.IsNull && header.Lengths.Length != _shape.Rank)
        {
            throw new InvalidEntryException($"the payload has rank {header.Lengths.Length}, not {_shape.Rank}");
        }

        bytesRead = RawHeader.DataOffset;
        if (header.IsNull)
        {
            return _shape.FromStorage(null);
        }

        if (source.MmapMode == MmapMode.ReadOnly && _shape.CanMap && header.DataLength > 0)
        {
            // Mapped, not read: the header and the length are checked; the data's checksum is not, as that would read it.
            TResult mapped = _shape.FromMapped(file.Map(RawHeader.DataOffset, header.DataLength), (int)header.Count);
            MemoProvenance.Register(mapped, source.Function, source.Key);
            return mapped;
        }

        Array storage = _shape.Allocate(header);
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
        return _shape.FromStorage(storage);
    }
}
