using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MemoGen.Postgres;

/// <summary>What the shared tier addresses an entry by: the function's cache name, its code version and the stable key hash.</summary>
/// <param name="Function">The function's cache name.</param>
/// <param name="CodeVersion">The hash of the implementation's source; entries of other code are never served.</param>
/// <param name="KeyHash">The stable key hash of the call.</param>
internal readonly record struct EntryKey(string Function, string CodeVersion, MemoHash128 KeyHash)
{
    /// <summary>The key hash as 16 bytes, <see cref="MemoHash128.High"/> first (big-endian), as stored in the tables.</summary>
    public byte[] KeyBytes()
    {
        byte[] bytes = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, KeyHash.High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), KeyHash.Low);
        return bytes;
    }

    /// <summary>The key of a stored row: its function, code version and 16-byte key hash (<see cref="KeyBytes"/>'s layout).</summary>
    public static EntryKey FromStored(string function, string codeVersion, byte[] keyBytes) =>
        new(function, codeVersion, new MemoHash128(BinaryPrimitives.ReadUInt64BigEndian(keyBytes), BinaryPrimitives.ReadUInt64BigEndian(keyBytes.AsSpan(8))));

    /// <summary>
    /// The advisory lock id of this entry: 64 bits of a SHA-256 over function, version and key. Two entries sharing an id
    /// (about 2^-64) only compute one after the other.
    /// </summary>
    public long LockId()
    {
        byte[] text = Encoding.UTF8.GetBytes($"{Function}\0{CodeVersion}\0");
        byte[] material = new byte[text.Length + 16];
        text.CopyTo(material, 0);
        KeyBytes().CopyTo(material, text.Length);
        return BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(material));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Function}/{KeyHash} (version {CodeVersion})";
}
