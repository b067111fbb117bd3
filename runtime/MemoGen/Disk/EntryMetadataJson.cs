using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace MemoGen.Disk;

/// <summary>
/// Writes and reads <see cref="EntryMetadata"/> as indented JSON a person can read. Reading
/// (<see cref="MetadataJsonReader"/>) is strict about the fields it needs and their types, skips fields it does not
/// know, and never creates a type named by the file.
/// </summary>
internal static class EntryMetadataJson
{
    /// <summary>A metadata file longer than this is not read: it cannot be one this runtime wrote.</summary>
    public const int MaxLength = 1 << 20;

    /// <summary>The UTF-8 JSON of <paramref name="metadata"/>.</summary>
    public static byte[] Write(EntryMetadata metadata)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        // The options are made here, not held in a static field: reading, which a first hit does, never loads System.Text.Json.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
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
        var json = new MetadataJsonReader(utf8);
        json.BeginObject();
        int? entryFormat = null;
        string? function = null, codeVersion = null, keyHash = null, resultType = null, format = null;
        string call = "", value = "";
        DateTime created = default;
        double computeSeconds = 0;
        List<PayloadFile>? files = null;
        long? inlineBytes = null;
        ulong? inlineChecksum = null;
        ReadOnlyMemory<byte>? inline = null;
        for (bool first = true; json.NextProperty(ref first, out string property);)
        {
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
                case "inline": inline = json.SkipValue().ToArray(); break;
                default: json.SkipValue(); break;
            }
        }

        json.End();
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

    private static List<PayloadFile> Files(ref MetadataJsonReader json)
    {
        if (json.Peek() != (byte)'[')
        {
            throw new InvalidEntryException("the metadata's files are not an array");
        }

        json.BeginArray();
        var files = new List<PayloadFile>();
        for (bool first = true; json.NextElement(ref first);)
        {
            if (json.Peek() != (byte)'{' || files.Count >= 64)
            {
                throw new InvalidEntryException("the metadata's files are not a short list of objects");
            }

            string? name = null;
            long? bytes = null, checksumOffset = null;
            ulong? checksum = null;
            json.BeginObject();
            for (bool firstProperty = true; json.NextProperty(ref firstProperty, out string property);)
            {
                switch (property)
                {
                    case "name": name = String(ref json); break;
                    case "bytes": bytes = NonNegativeInt64(ref json); break;
                    case "checksumOffset": checksumOffset = NonNegativeInt64(ref json); break;
                    case "checksum": checksum = Checksum(ref json); break;
                    default: json.SkipValue(); break;
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

    private static string String(ref MetadataJsonReader json) =>
        json.Peek() == (byte)'"' ? json.ReadString() : throw new InvalidEntryException("the metadata has a non-string where a string belongs");

    private static int Int32(ref MetadataJsonReader json)
    {
        ReadOnlySpan<byte> number = json.ReadNumber();
        return Utf8Parser.TryParse(number, out int value, out int consumed) && consumed == number.Length
            ? value
            : throw new InvalidEntryException("the metadata has a bad integer");
    }

    private static long NonNegativeInt64(ref MetadataJsonReader json)
    {
        ReadOnlySpan<byte> number = json.ReadNumber();
        return Utf8Parser.TryParse(number, out long value, out int consumed) && consumed == number.Length && value >= 0
            ? value
            : throw new InvalidEntryException("the metadata has a bad length");
    }

    private static double Double(ref MetadataJsonReader json)
    {
        ReadOnlySpan<byte> number = json.ReadNumber();
        return (Utf8Parser.TryParse(number, out double value, out int consumed) || Utf8Parser.TryParse(number, out value, out consumed, 'E'))
            && consumed == number.Length && double.IsFinite(value)
            ? value
            : throw new InvalidEntryException("the metadata has a bad number");
    }

    // Utf8Parser, not DateTime.Parse with a culture: the first CultureInfo loads ICU, tens of milliseconds of a first hit.
    private static DateTime Timestamp(ref MetadataJsonReader json)
    {
        if (json.Peek() == (byte)'"')
        {
            ReadOnlySpan<byte> text = json.ReadRawString(out bool escaped);
            if (!escaped && Utf8Parser.TryParse(text, out DateTime value, out int consumed, 'O') && consumed == text.Length)
            {
                return value.ToUniversalTime();
            }
        }

        throw new InvalidEntryException("the metadata has a bad timestamp");
    }

    private static ulong Checksum(ref MetadataJsonReader json)
    {
        if (json.Peek() == (byte)'"')
        {
            ReadOnlySpan<byte> text = json.ReadRawString(out bool escaped);
            if (!escaped && text.Length == 16 && Utf8Parser.TryParse(text, out ulong value, out int consumed, 'x') && consumed == 16)
            {
                return value;
            }
        }

        throw new InvalidEntryException("the metadata has a bad checksum");
    }

    private static InvalidEntryException Missing(string field) => new($"the metadata lacks '{field}'");
}
