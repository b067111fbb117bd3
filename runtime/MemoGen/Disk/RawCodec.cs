using System;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// Writes arrays and memories of unmanaged elements as raw little-endian bytes behind a <see cref="RawHeader"/>, one
/// file <c>&lt;hash&gt;.&lt;id&gt;.raw</c>, and reads them back (<see cref="RawPayloadReader"/>): into memory, or as a
/// view of the mapped file. A value read back is remembered for provenance (<see cref="MemoProvenance"/>). Not generic:
/// only the <see cref="RawShape"/>'s steps are typed.
/// </summary>
internal sealed class RawCodec : IPayloadCodec
{
    /// <summary>The payload file's extension.</summary>
    public const string Extension = "raw";

    private readonly RawShape _shape;

    /// <summary>A codec for values of <paramref name="shape"/>.</summary>
    public RawCodec(RawShape shape)
    {
        _shape = shape;
    }

    /// <inheritdoc />
    public string Format => "raw";

    /// <inheritdoc />
    public WrittenPayload Write(in PayloadTarget target, object? value)
    {
        bool isNull = _shape.IsNull(value);
        long[] lengths = isNull ? [] : _shape.LengthsOf(value!);
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
            LowerBounds = isNull ? [] : _shape.LowerBoundsOf(value!),
            Count = isNull ? 0 : count,
            KeyHash = target.Key,
        };

        string path = target.PathOf(Extension);
        using IMemoWritableFile file = target.FileSystem.CreateNew(path, header.FileLength);
        ulong checksum = header.DataLength == 0
            ? BlockChecksum.Combine([])
            : RawPayloadIO.Write(file, ref _shape.DataOf(value!), header.DataLength, RawHeader.DataOffset);
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
    public object? Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
    {
        // The reader remembers a payload read into memory for provenance; the shape remembers a mapped one.
        RawPayload payload = RawPayloadReader.Read(source, metadata, _shape, out bytesRead);
        if (payload.MappedView is not { } view)
        {
            return _shape.FromStorage(payload.Storage);
        }

        object mapped = _shape.FromMapped(view, payload.Count);
        _shape.RememberMapped(mapped, source.Function, source.Key);
        return mapped;
    }
}
