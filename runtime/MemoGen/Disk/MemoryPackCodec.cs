using System;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using MemoGen.Hashing;
using MemoryPack;

namespace MemoGen.Disk;

/// <summary>
/// Writes values with MemoryPack, the default binary format of results the generator found MemoryPack-serializable: one
/// file <c>&lt;hash&gt;.&lt;id&gt;.memorypack</c>, or, for a small value, base64 inside the metadata file so that a hit
/// opens one file.
/// </summary>
internal sealed class MemoryPackCodec<TResult> : IPayloadCodec
{
    /// <summary>The format recorded in the metadata.</summary>
    public const string FormatName = "memorypack";

    /// <summary>The largest value held inline: its base64, quoted, fits <see cref="InlinePayload.MaxLength"/>.</summary>
    private const int MaxInlineBytes = (InlinePayload.MaxLength - 2) / 4 * 3;

    /// <summary>The one codec of <typeparamref name="TResult"/>: it holds no state.</summary>
    public static MemoryPackCodec<TResult> Instance { get; } = new();

    private MemoryPackCodec()
    {
        if (NeedsFormatterProvider)
        {
            MemoryPackWarmUp.Begin();
        }
    }

    /// <summary>
    /// Whether reading a <typeparamref name="TResult"/> runs MemoryPack's formatter provider, whose one-time setup is
    /// most of a first hit: not for a string, which <see cref="MemoryPackString"/> reads, nor for an unmanaged value, which
    /// MemoryPack copies without a formatter.
    /// </summary>
    private static bool NeedsFormatterProvider =>
        typeof(TResult) != typeof(string) && RuntimeHelpers.IsReferenceOrContainsReferences<TResult>();

    /// <inheritdoc />
    public string Format => FormatName;

    /// <inheritdoc />
    public WrittenPayload Write(in PayloadTarget target, object? value)
    {
        byte[] bytes;
        try
        {
            bytes = MemoryPackSerializer.Serialize((TResult)value!);
        }
        catch (MemoryPackSerializationException exception)
        {
            throw new PayloadNotWritableException(
                $"MemoryPack cannot write a {typeof(TResult)} ({exception.Message}); a type of one's own needs [MemoryPackable] and the MemoryPack package, whose generator implements it",
                exception);
        }

        return bytes.Length <= MaxInlineBytes
            ? SinglePayloadFile.Inline(FormatName, QuotedBase64(bytes))
            : SinglePayloadFile.Write(target, FormatName, bytes);
    }

    /// <inheritdoc />
    public object? Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
    {
        TResult value = ReadValue(source, metadata, out bytesRead);
        MemoProvenance.Register(value, source.Function, source.Key);
        return value;
    }

    private static TResult ReadValue(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
    {
        if (SinglePayloadFile.VerifiedInline(metadata) is { } inline)
        {
            bytesRead = 0;
            return Deserialize(FromQuotedBase64(inline.Span));
        }

        byte[] bytes = SinglePayloadFile.Read(source, metadata);
        bytesRead = bytes.Length;
        return Deserialize(bytes);
    }

    private static TResult Deserialize(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return typeof(TResult) == typeof(string)
                ? (TResult)(object)MemoryPackString.Read(bytes)!
                : MemoryPackSerializer.Deserialize<TResult>(bytes)!;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidEntryException($"the payload cannot be read as {typeof(TResult)}: {exception.Message}", exception);
        }
    }

    /// <summary>A JSON string of the base64 of <paramref name="bytes"/>, quotes included.</summary>
    private static byte[] QuotedBase64(ReadOnlySpan<byte> bytes)
    {
        byte[] utf8 = new byte[Base64.GetMaxEncodedToUtf8Length(bytes.Length) + 2];
        Base64.EncodeToUtf8(bytes, utf8.AsSpan(1), out _, out int written);
        utf8[0] = (byte)'"';
        utf8[written + 1] = (byte)'"';
        return utf8;
    }

    private static ReadOnlySpan<byte> FromQuotedBase64(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 2 || utf8[0] != '"' || utf8[^1] != '"')
        {
            throw new InvalidEntryException("the inline payload is not a base64 string");
        }

        ReadOnlySpan<byte> base64 = utf8[1..^1];
        byte[] bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
        if (Base64.DecodeFromUtf8(base64, bytes, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            throw new InvalidEntryException("the inline payload is not valid base64");
        }

        return bytes.AsSpan(0, written);
    }
}
