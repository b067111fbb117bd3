using System;
using System.IO;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>Writes values through an <see cref="IMemoSerializer"/> (by default readable JSON), one file <c>&lt;hash&gt;.&lt;id&gt;.&lt;format&gt;</c>.</summary>
internal sealed class SerializerCodec<TResult> : IPayloadCodec
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
    public WrittenPayload Write(in PayloadTarget target, object? value)
    {
        var buffer = new MemoryStream();
        try
        {
            _serializer.Serialize(buffer, (TResult)value!);
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
        return _inlinesSmallPayloads && bytes.Length <= InlinePayload.MaxLength
            ? SinglePayloadFile.Inline(Format, bytes.ToArray())
            : SinglePayloadFile.Write(target, Format, bytes);
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
    public object? Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
    {
        TResult value = ReadValue(source, metadata, out bytesRead);
        // An array of primitives that the raw codec could not take (a big-endian host) is remembered all the same.
        MemoProvenance.Register(value, source.Function, source.Key);
        return value;
    }

    private TResult ReadValue(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
    {
        if (SinglePayloadFile.VerifiedInline(metadata) is { } inline)
        {
            bytesRead = 0;
            return Deserialize(inline.ToArray());
        }

        byte[] bytes = SinglePayloadFile.Read(source, metadata);
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
