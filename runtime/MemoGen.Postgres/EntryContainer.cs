using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using MemoGen.Disk;

namespace MemoGen.Postgres;

/// <summary>
/// How a local disk entry travels as one shared-tier payload: a header (magic <c>MGS1</c>, the metadata file's bytes,
/// then each payload file's name and length, little-endian) followed by the payload files' bytes in that order.
/// </summary>
internal static class EntryContainer
{
    /// <summary>The most header bytes a reader accepts (the metadata may hold a small inline value).</summary>
    public const int MaxHeaderBytes = 64 * 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "MGS1"u8;

    /// <summary>
    /// A stream of the entry whose files <paramref name="paths"/> locates in <paramref name="fileSystem"/>: the header in
    /// memory, the payload files read as the stream is read (never loaded whole).
    /// </summary>
    public static Stream Open(EntryPaths paths, IMemoFileSystem fileSystem)
    {
        byte[] metadata = ReadAll(fileSystem, paths.MetadataPath);
        IReadOnlyList<PayloadFile> files = EntryMetadataJson.Read(metadata).Files;
        var header = new MemoryStream();
        header.Write(Magic);
        WriteInt32(header, metadata.Length);
        header.Write(metadata);
        WriteInt32(header, files.Count);
        // The header part is opened when first read, after the loop below has completed it.
        var parts = new List<Func<Stream>> { () => new MemoryStream(header.ToArray(), writable: false) };
        foreach (PayloadFile file in files)
        {
            byte[] name = Encoding.UTF8.GetBytes(file.Name);
            WriteInt32(header, name.Length);
            header.Write(name);
            WriteInt64(header, file.Bytes);
            string path = paths.PayloadPath(file.Name);
            long bytes = file.Bytes;
            parts.Add(() => new ExactLengthStream(fileSystem.OpenRead(path), bytes, path));
        }

        return new ConcatenatedStream(parts);
    }

    /// <summary>The bytes of a small file (an entry's metadata) of <paramref name="fileSystem"/>.</summary>
    public static byte[] ReadAll(IMemoFileSystem fileSystem, string path)
    {
        using IMemoReadableFile file = fileSystem.OpenRead(path);
        if (file.Length > MaxHeaderBytes)
        {
            throw new InvalidDataException($"{path} is too large to be an entry's metadata.");
        }

        byte[] bytes = new byte[file.Length];
        int read = 0;
        while (read < bytes.Length && file.Read(bytes.AsSpan(read), read) is var count and > 0)
        {
            read += count;
        }

        return read == bytes.Length ? bytes : throw new IOException($"{path} ended early.");
    }

    /// <summary>Parses a complete header from the start of <paramref name="buffer"/>; false while more bytes are needed.</summary>
    /// <exception cref="InvalidDataException">The header is malformed.</exception>
    public static bool TryReadHeader(ReadOnlySpan<byte> buffer, out byte[] metadata, out (string Name, long Length)[] files, out int consumed)
    {
        metadata = [];
        files = [];
        consumed = 0;
        if (buffer.Length < 8)
        {
            return false;
        }

        if (!buffer[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The shared entry is not in the MemoGen entry container format.");
        }

        int position = 4;
        int metadataLength = ReadLength(buffer, ref position);
        if (buffer.Length < position + metadataLength + 4)
        {
            return false;
        }

        metadata = buffer.Slice(position, metadataLength).ToArray();
        position += metadataLength;
        int count = ReadLength(buffer, ref position);
        var parsed = new (string, long)[count];
        for (int i = 0; i < count; i++)
        {
            if (buffer.Length < position + 4)
            {
                return false;
            }

            int nameLength = ReadLength(buffer, ref position);
            if (buffer.Length < position + nameLength + 8)
            {
                return false;
            }

            string name = Encoding.UTF8.GetString(buffer.Slice(position, nameLength));
            long length = BinaryPrimitives.ReadInt64LittleEndian(buffer.Slice(position + nameLength));
            if (length < 0)
            {
                throw new InvalidDataException("The shared entry's container names a negative file length.");
            }

            parsed[i] = (name, length);
            position += nameLength + 8;
        }

        files = parsed;
        consumed = position;
        return true;
    }

    private static int ReadLength(ReadOnlySpan<byte> buffer, ref int position)
    {
        int value = BinaryPrimitives.ReadInt32LittleEndian(buffer.Slice(position));
        if (value < 0 || value > MaxHeaderBytes)
        {
            throw new InvalidDataException("The shared entry's container header is malformed.");
        }

        position += 4;
        return value;
    }

    private static void WriteInt64(Stream stream, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    private static void WriteInt32(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}
