using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// Where entries live: <c>&lt;root&gt;/&lt;function&gt;/&lt;first two hex digits of the key hash&gt;/</c>, holding
/// <c>&lt;key hash&gt;.meta.json</c> (the metadata, whose rename into place commits the entry) and the payload files it
/// names, <c>&lt;key hash&gt;.&lt;write id&gt;.&lt;extension&gt;</c>. Temporary files end in <see cref="TemporarySuffix"/>.
/// </summary>
internal static class DiskLayout
{
    /// <summary>The end of a committed entry's metadata file name.</summary>
    public const string MetadataSuffix = ".meta.json";

    /// <summary>The end of a file being written.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>The length of a key hash in hex (docs/key-hash.md).</summary>
    public const int HashLength = 32;

    /// <summary>The length of a write id in hex.</summary>
    public const int WriteIdLength = 16;

    /// <summary>
    /// The folder name of a function: its cache name when that is a safe, portable file name (letters, digits,
    /// <c>_</c>, <c>-</c>, <c>.</c>, not starting with a dot, not a reserved device name); otherwise the name with every other
    /// character replaced by <c>_</c>, then <c>-</c> and 8 hex digits of the name's hash, so two names never share a folder
    /// by being cleaned alike.
    /// </summary>
    public static string FolderName(string functionName)
    {
        var clean = new StringBuilder(functionName.Length);
        foreach (char c in functionName)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_');
        }

        string folder = clean.ToString();
        bool safe = folder == functionName && folder.Length is > 0 and <= 100 && folder[0] != '.' && !IsReservedDeviceName(folder);
        if (safe)
        {
            return folder;
        }

        ulong hash = ShortXxh64.Hash(Encoding.UTF8.GetBytes(functionName));
        string prefix = (folder.Length > 100 ? folder[..100] : folder).TrimStart('.');
        return string.Create(CultureInfo.InvariantCulture, $"{(prefix.Length == 0 ? "_" : prefix)}-{(uint)hash:x8}");
    }

    /// <summary>The folder of a function's entries.</summary>
    public static string FunctionDirectory(string root, string functionName) => Path.Combine(root, FolderName(functionName));

    /// <summary>The fan-out folder of an entry inside its function's folder.</summary>
    public static string EntryDirectory(string functionDirectory, string hash) => Path.Combine(functionDirectory, hash[..2]);

    /// <summary>The metadata file name of an entry.</summary>
    public static string MetadataName(string hash) => hash + MetadataSuffix;

    /// <summary>A payload file name.</summary>
    public static string PayloadName(string hash, string writeId, string extension) => $"{hash}.{writeId}.{extension}";

    /// <summary>The temporary name of a metadata file before it is renamed into place.</summary>
    public static string TemporaryMetadataName(string hash, string writeId) => $"{hash}.{writeId}.meta{TemporarySuffix}";

    /// <summary>A new random write id: 16 hex digits, so concurrent writers of one key never share a payload file.</summary>
    public static string NewWriteId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>
    /// Whether <paramref name="name"/> is a payload file name of the entry <paramref name="hash"/>: the hash, a dot,
    /// a write id, a dot, then letters, digits, <c>_</c>, <c>-</c> or <c>.</c>. A name read from a metadata file must pass
    /// this before it is opened, so a metadata file can never point outside its entry.
    /// </summary>
    public static bool IsPayloadNameOf(string name, string hash)
    {
        int idStart = HashLength + 1;
        int extensionStart = idStart + WriteIdLength + 1;
        if (name.Length <= extensionStart || !name.StartsWith(hash, StringComparison.Ordinal) || name[HashLength] != '.'
            || name[extensionStart - 1] != '.' || name.EndsWith(TemporarySuffix, StringComparison.Ordinal)
            || name.EndsWith(MetadataSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in name.AsSpan(idStart, WriteIdLength))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        foreach (char c in name.AsSpan(extensionStart))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The entry a file in a fan-out folder belongs to: its first 32 characters, if they are a key hash.</summary>
    public static bool TryGetEntryHash(string fileName, out string hash)
    {
        hash = "";
        if (fileName.Length <= HashLength || fileName[HashLength] != '.')
        {
            return false;
        }

        foreach (char c in fileName.AsSpan(0, HashLength))
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        hash = fileName[..HashLength];
        return true;
    }

    // Ordinal, not ToUpperInvariant: culture-aware casing would load ICU (tens of milliseconds) on a first disk hit.
    private static bool IsReservedDeviceName(string name)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        ReadOnlySpan<char> stem = dot < 0 ? name : name.AsSpan(0, dot);
        return stem.Equals("CON", StringComparison.OrdinalIgnoreCase) || stem.Equals("PRN", StringComparison.OrdinalIgnoreCase)
            || stem.Equals("AUX", StringComparison.OrdinalIgnoreCase) || stem.Equals("NUL", StringComparison.OrdinalIgnoreCase)
            || (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || stem.StartsWith("LPT", StringComparison.OrdinalIgnoreCase))
                && char.IsAsciiDigit(stem[3]));
    }
}
