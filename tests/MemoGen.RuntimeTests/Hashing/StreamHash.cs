using System;
using System.IO.Hashing;

namespace MemoGen.RuntimeTests.Hashing;

/// <summary>
/// The key hash of a byte stream as docs/key-hash.md specifies it, computed independently of <see cref="MemoHasher"/>:
/// XXH3-128 (seed 0) of the whole stream in one call, its high 64 bits as <see cref="MemoHash128.High"/>.
/// </summary>
internal static class StreamHash
{
    public static MemoHash128 Of(ReadOnlySpan<byte> stream)
    {
        UInt128 hash = XxHash128.HashToUInt128(stream);
        return new MemoHash128((ulong)(hash >> 64), (ulong)hash);
    }
}
