using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MemoGen.Disk;

/// <summary>
/// Reads a string written by MemoryPack, in MemoryPack's wire format: a little-endian 32-bit header, -1 for null, 0
/// for the empty string, n &gt; 0 for n UTF-16 code units that follow, or ~n (negative) for n UTF-8 bytes that follow
/// a 32-bit UTF-16 length. Here, not through MemoryPack's reader, so that a string function's first disk hit runs only
/// code that ReadyToRun precompiled, and MemoryPack's setup not at all.
/// </summary>
internal static class MemoryPackString
{
    /// <summary>The string in <paramref name="bytes"/>; bytes after it are ignored, as MemoryPack ignores them.</summary>
    /// <exception cref="InvalidEntryException">The bytes end before the string does.</exception>
    public static string? Read(ReadOnlySpan<byte> bytes)
    {
        int header = bytes.Length >= sizeof(int) ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : throw Truncated();
        if (header == -1)
        {
            return null;
        }

        if (header >= 0)
        {
            long utf16Bytes = (long)header * sizeof(char);
            return bytes.Length - sizeof(int) >= utf16Bytes
                ? new string(MemoryMarshal.Cast<byte, char>(bytes.Slice(sizeof(int), (int)utf16Bytes)))
                : throw Truncated();
        }

        int utf8Bytes = ~header;
        return bytes.Length - (2 * sizeof(int)) >= utf8Bytes
            ? Encoding.UTF8.GetString(bytes.Slice(2 * sizeof(int), utf8Bytes))
            : throw Truncated();
    }

    private static InvalidEntryException Truncated() => new("the MemoryPack string ends before its declared length");
}
