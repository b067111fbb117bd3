using System;
using System.IO;

namespace MemoGen.Disk;

/// <summary>Writes values through an <see cref="IMemoSerializer"/> (by default readable JSON), one file <c>&lt;hash&gt;.&lt;id&gt;.&lt;format&gt;</c>.</summary>
internal sealed class SerializerCodec<TResult> : IPayloadCodec<TResult>
{
    private readonly IMemoSerializer _serializer;
    private readonly bool _inlinesSmallPayloads;
    private volatile bool _readsBack;

    /// <summary>A codec that writes through <paramref name="serializer"/>.</summary>
    public SerializerCodec(IMemoSerializer serializer)
    {
        _serializer = serializer;
        Format = serializer.Format;
        _inlinesSmallPayloads = serializer is JsonMemoSerializer;
    }

    /// <inheritdoc />
    public string Format { get; }

    /// <inheritdoc />
    public WrittenPayload Write(in PayloadTarget target, TResult value)
    {
        var buffer = new MemoryStream();
        try
        {
            _serializer.Serialize(buffer, value);
        }
        catch (Exception exception) when (exception is not IOException and not OutOfMemoryException)
        {
            throw new PayloadNotWritableException($"the {Format} serializer cannot write a {typeof(TResult)}: {exception.Message}", exception);
        }

        if (!_readsBack)
        {
            CheckReadsBack(buffer);
        }

        ReadOnlySpan<byte> bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (_inlinesSmallPayloads && bytes.Length <= InlinePayload.MaxLength)
        {
            return new WrittenPayload([], Format, new InlinePayload(bytes.ToArray(), BlockChecksum.Of(bytes)));
        }

        string path = target.PathOf(Format);
        using (IMemoWritableFile file = target.FileSystem.CreateNew(path, bytes.Length))
        {
            file.Write(bytes, 0);
            file.FlushToDisk();
        }

        return new WrittenPayload([new PayloadFile(Path.GetFileName(path), bytes.Length, 0, BlockChecksum.Of(bytes))], Format);
    }

    /// <summary>
    /// Reads the first value written back once, so that a result type the serializer can write but not read (no usable
    /// constructor, an abstract type) is kept in memory with one warning instead of being written and discarded forever.
    /// </summary>
    private void CheckReadsBack(MemoryStream written)
    {
        try
        {
            _serializer.Deserialize<TResult>(new MemoryStream(written.GetBuffer(), 0, (int)written.Length, writable: false, publiclyVisible: true));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new PayloadNotWritableException($"the {Format} serializer cannot read a {typeof(TResult)} back: {exception.Message}", exception);
        }

        _readsBack = true;
    }

    /// <inheritdoc />
    public TResult Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
    {
        if (metadata.Inline is { } inline && metadata.Files.Count == 0)
        {
            if (BlockChecksum.Of(inline.Utf8.Span) != inline.Checksum)
            {
                throw new InvalidEntryException("the inline payload's checksum does not match");
            }

            bytesRead = 0;
            return Deserialize(inline.Utf8.ToArray());
        }

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

        bytesRead = bytes.Length;
        return Deserialize(bytes);
    }

    private TResult Deserialize(byte[] bytes)
    {
        try
        {
            return _serializer.Deserialize<TResult>(new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true));
        }
        catch (NotSupportedException exception)
        {
            throw new PayloadNotWritableException($"the {Format} serializer cannot read a {typeof(TResult)} back: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidEntryException($"the payload cannot be read as {typeof(TResult)}: {exception.Message}", exception);
        }
    }
}
