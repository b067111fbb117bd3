using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MemoGen.Disk;

/// <summary>
/// Writes and reads <see cref="EntryMetadata"/> as indented JSON a person can read. Reading is strict about the
/// fields it needs and their types, skips fields it does not know, and never creates a type named by the file.
/// </summary>
internal static class EntryMetadataJson
{
    /// <summary>A metadata file longer than this is not read: it cannot be one this runtime wrote.</summary>
    public const int MaxLength = 1 << 20;

    private static readonly JsonWriterOptions s_writerOptions = new() { Indented = true };
    private static readonly JsonReaderOptions s_readerOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 };

    /// <summary>The UTF-8 JSON of <paramref name="metadata"/>.</summary>
    public static byte[] Write(EntryMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("entryFormat", metadata.EntryFormat);
            json.WriteString("function", metadata.Function);
            json.WriteString("codeVersion", metadata.CodeVersion);
            json.WriteString("keyHash", metadata.KeyHash);
            json.WriteString("resultType", metadata.ResultType);
            json.WriteString("call", metadata.Call);
            json.WriteString("created", metadata.CreatedUtc.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("computeSeconds", Math.Round(metadata.ComputeSeconds, 6));
            json.WriteString("format", metadata.Format);
            json.WriteString("value", metadata.Value);
            json.WriteNumber("payloadBytes", metadata.PayloadBytes);
            json.WriteStartArray("files");
            foreach (PayloadFile file in metadata.Files)
            {
                json.WriteStartObject();
                json.WriteString("name", file.Name);
                json.WriteNumber("bytes", file.Bytes);
                json.WriteNumber("checksumOffset", file.ChecksumOffset);
                json.WriteString("checksum", BlockChecksum.Format(file.Checksum));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (metadata.Inline is { } inline)
            {
                json.WriteNumber("inlineBytes", inline.Utf8.Length);
                json.WriteString("inlineChecksum", BlockChecksum.Format(inline.Checksum));

                // Last, and written byte for byte, so a reader finds exactly the bytes the checksum covers.
                json.WritePropertyName("inline");
                json.WriteRawValue(inline.Utf8.Span, skipInputValidation: false);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads metadata; throws <see cref="InvalidEntryException"/> if the bytes are not metadata this runtime can use.</summary>
    /// <param name="utf8">The metadata file's bytes.</param>
    /// <param name="descriptions">Whether to read the descriptions for people (<c>call</c>, <c>value</c>), which a load does not need.</param>
    public static EntryMetadata Read(ReadOnlySpan<byte> utf8, bool descriptions = false)
    {
        try
        {
            return ReadCore(utf8, descriptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidEntryException("the metadata is not valid JSON: " + exception.Message);
        }
    }

    private static EntryMetadata ReadCore(ReadOnlySpan<byte> utf8, bool descriptions)
    {
        var json = new Utf8JsonReader(utf8, s_readerOptions);
        Expect(ref json, JsonTokenType.StartObject);
        int? entryFormat = null;
        string? function = null, codeVersion = null, keyHash = null, resultType = null, format = null;
        string call = "", value = "";
        DateTime created = default;
        double computeSeconds = 0;
        List<PayloadFile>? files = null;
        long? inlineBytes = null;
        ulong? inlineChecksum = null;
        ReadOnlyMemory<byte>? inline = null;
        while (Next(ref json) != JsonTokenType.EndObject)
        {
            string property = PropertyName(ref json);
            Next(ref json);
            switch (property)
            {
                case "entryFormat": entryFormat = Int32(ref json); break;
                case "function": function = String(ref json); break;
                case "codeVersion": codeVersion = String(ref json); break;
                case "keyHash": keyHash = String(ref json); break;
                case "resultType": resultType = String(ref json); break;
                case "call" when descriptions: call = String(ref json); break;
                case "created": created = Timestamp(ref json); break;
                case "computeSeconds": computeSeconds = Double(ref json); break;
                case "format": format = String(ref json); break;
                case "value" when descriptions: value = String(ref json); break;
                case "files": files = Files(ref json); break;
                case "inlineBytes": inlineBytes = NonNegativeInt64(ref json); break;
                case "inlineChecksum": inlineChecksum = Checksum(ref json); break;
                case "inline":
                    int start = (int)json.TokenStartIndex;
                    json.Skip();
                    inline = utf8[start..(int)json.BytesConsumed].ToArray();
                    break;
                default: json.Skip(); break;
            }
        }

        if (json.Read())
        {
            throw new InvalidEntryException("the metadata has content after its object");
        }

        if (entryFormat != EntryMetadata.CurrentFormat)
        {
            throw new InvalidEntryException($"the metadata has entry format {entryFormat?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}, not {EntryMetadata.CurrentFormat}");
        }

        InlinePayload? inlinePayload = null;
        if (inline is { } inlineUtf8)
        {
            if (inlineBytes != inlineUtf8.Length || inlineChecksum is not { } checksum)
            {
                throw new InvalidEntryException($"the inline payload has {inlineUtf8.Length} bytes, not {inlineBytes}, or no checksum");
            }

            inlinePayload = new InlinePayload(inlineUtf8, checksum);
        }

        return new EntryMetadata
        {
            EntryFormat = entryFormat.Value,
            Function = function ?? throw Missing("function"),
            CodeVersion = codeVersion ?? throw Missing("codeVersion"),
            KeyHash = keyHash ?? throw Missing("keyHash"),
            ResultType = resultType ?? throw Missing("resultType"),
            Call = call,
            CreatedUtc = created,
            ComputeSeconds = computeSeconds,
            Format = format ?? throw Missing("format"),
            Value = value,
            Files = files ?? throw Missing("files"),
            Inline = inlinePayload,
        };
    }

    private static List<PayloadFile> Files(ref Utf8JsonReader json)
    {
        if (json.TokenType != JsonTokenType.StartArray)
        {
            throw new InvalidEntryException("the metadata's files are not an array");
        }

        var files = new List<PayloadFile>();
        while (Next(ref json) != JsonTokenType.EndArray)
        {
            if (json.TokenType != JsonTokenType.StartObject || files.Count >= 64)
            {
                throw new InvalidEntryException("the metadata's files are not a short list of objects");
            }

            string? name = null;
            long? bytes = null, checksumOffset = null;
            ulong? checksum = null;
            while (Next(ref json) != JsonTokenType.EndObject)
            {
                string property = PropertyName(ref json);
                Next(ref json);
                switch (property)
                {
                    case "name": name = String(ref json); break;
                    case "bytes": bytes = NonNegativeInt64(ref json); break;
                    case "checksumOffset": checksumOffset = NonNegativeInt64(ref json); break;
                    case "checksum": checksum = Checksum(ref json); break;
                    default: json.Skip(); break;
                }
            }

            files.Add(new PayloadFile(
                name ?? throw Missing("files[].name"),
                bytes ?? throw Missing("files[].bytes"),
                checksumOffset ?? throw Missing("files[].checksumOffset"),
                checksum ?? throw Missing("files[].checksum")));
        }

        return files;
    }

    private static JsonTokenType Next(ref Utf8JsonReader json) =>
        json.Read() ? json.TokenType : throw new InvalidEntryException("the metadata ends early");

    private static void Expect(ref Utf8JsonReader json, JsonTokenType type)
    {
        if (Next(ref json) != type)
        {
            throw new InvalidEntryException($"the metadata has {json.TokenType} where {type} belongs");
        }
    }

    private static string PropertyName(ref Utf8JsonReader json) =>
        json.TokenType == JsonTokenType.PropertyName ? json.GetString()! : throw new InvalidEntryException("the metadata is not an object of fields");

    private static string String(ref Utf8JsonReader json) =>
        json.TokenType == JsonTokenType.String ? json.GetString()! : throw new InvalidEntryException("the metadata has a non-string where a string belongs");

    private static int Int32(ref Utf8JsonReader json) =>
        json.TokenType == JsonTokenType.Number && json.TryGetInt32(out int value) ? value : throw new InvalidEntryException("the metadata has a bad integer");

    private static long NonNegativeInt64(ref Utf8JsonReader json) =>
        json.TokenType == JsonTokenType.Number && json.TryGetInt64(out long value) && value >= 0
            ? value
            : throw new InvalidEntryException("the metadata has a bad length");

    private static double Double(ref Utf8JsonReader json) =>
        json.TokenType == JsonTokenType.Number && json.TryGetDouble(out double value) ? value : throw new InvalidEntryException("the metadata has a bad number");

    private static DateTime Timestamp(ref Utf8JsonReader json) =>
        json.TokenType == JsonTokenType.String && json.TryGetDateTime(out DateTime value)
            ? value.ToUniversalTime()
            : throw new InvalidEntryException("the metadata has a bad timestamp");

    // Utf8Parser, not ulong.Parse with a culture: the first CultureInfo loads ICU, tens of milliseconds of a first hit.
    private static ulong Checksum(ref Utf8JsonReader json) =>
        json.TokenType == JsonTokenType.String && !json.ValueIsEscaped && json.ValueSpan.Length == 16
            && Utf8Parser.TryParse(json.ValueSpan, out ulong value, out int consumed, 'x') && consumed == 16
            ? value
            : throw new InvalidEntryException("the metadata has a bad checksum");

    private static InvalidEntryException Missing(string field) => new($"the metadata lacks '{field}'");
}
