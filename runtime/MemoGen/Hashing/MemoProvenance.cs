using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using MemoGen.Infrastructure;

namespace MemoGen.Hashing;

/// <summary>
/// Provenance (docs/key-hash.md): the results of memoized calls that are arrays of primitives, remembered by where
/// their elements live, with the identity of the call that produced them. A key that receives such a result whole
/// writes that identity instead of hashing the elements, so passing a memoized 256 MB result on costs a lookup.
/// </summary>
/// <remarks>
/// Entries hold their results weakly, keyed by the address of the first element. A lookup trusts an entry only while
/// its result is alive and still starts at that address, so the span being hashed is that result's memory: a dead,
/// moved or different array at the same place falls back to hashing by content.
/// </remarks>
internal static class MemoProvenance
{
    private const int SweepEvery = 64;

    private static readonly ConcurrentDictionary<nint, Entry> s_byAddress = new();
    private static int s_registrations;

    /// <summary>The identity of a result: the hash of its function's name, its code version and its call's key hash.</summary>
    public static MemoHash128 IdentityOf(string functionName, string codeVersion, MemoHash128 keyHash)
    {
        var hasher = new MemoHasher();
        hasher.Write(functionName);
        hasher.Write(codeVersion);
        hasher.Write(keyHash);
        return hasher.Finish();
    }

    /// <summary>
    /// Remembers <paramref name="result"/>, just computed or loaded by <paramref name="function"/> for
    /// <paramref name="key"/>, when it is a non-empty <c>T[]</c>, <c>ImmutableArray&lt;T&gt;</c> or
    /// <c>ReadOnlyMemory&lt;T&gt;</c> of a primitive <c>T</c>; does nothing (and computes no hash) for other results.
    /// <paramref name="keyHash"/> is the call's stable key hash, or <c>default</c> to have it computed. Never throws.
    /// </summary>
    public static void Register<TKey, TResult>(TResult result, MemoFunction function, in TKey key, MemoHash128 keyHash)
        where TKey : struct, IMemoKey<TKey>
    {
        if (!ResultMemory<TResult>.IsSupported)
        {
            return;
        }

        try
        {
            Register(result, function, keyHash == default ? MemoKeyHash.Of(key) : keyHash);
        }
        catch (Exception)
        {
            // A key whose own hashing fails is not remembered, never an error.
        }
    }

    /// <summary>
    /// <see cref="Register{TKey, TResult}"/> once the key hash is known: not generic over the key, so that ReadyToRun
    /// precompiles it for reference-type results and a function's first call does not JIT-compile it.
    /// </summary>
    internal static void Register<TResult>(TResult result, MemoFunction function, MemoHash128 hash)
    {
        try
        {
            if (ResultMemory<TResult>.TryLocate(result, out ResultLocation location))
            {
                Remember(location, function, hash);
            }
        }
        catch (Exception)
        {
            // Provenance is a shortcut: a result it cannot remember is hashed by content, never an error.
        }
    }

    /// <summary>
    /// Remembers <paramref name="array"/>, a one-dimensional array of <paramref name="elementTag"/>'s primitive just
    /// read from disk for the call <paramref name="hash"/> of <paramref name="function"/>, which a result
    /// (<c>T[]</c>, <c>ImmutableArray&lt;T&gt;</c>, <c>ReadOnlyMemory&lt;T&gt;</c>) wraps whole. Not generic: a disk
    /// hit remembers its result without compiling anything per result type. Never throws.
    /// </summary>
    public static void RegisterLoaded(Array array, long bytes, byte elementTag, MemoFunction function, MemoHash128 hash)
    {
        try
        {
            if (ResultLocation.TryOfLoaded(array, bytes, elementTag, out ResultLocation location))
            {
                Remember(location, function, hash);
            }
        }
        catch (Exception)
        {
            // As above: hashed by content instead.
        }
    }

    private static void Remember(ResultLocation location, MemoFunction function, MemoHash128 hash)
    {
        var entry = new Entry(location, IdentityOf(function.Name, function.CodeVersion, hash));
        s_byAddress[location.Address] = entry;
        if (Interlocked.Increment(ref s_registrations) % SweepEvery == 0)
        {
            Sweep();
        }
    }

    /// <summary>
    /// The identity of the result whose elements are exactly <paramref name="bytes"/> (the same first element, the same
    /// length, the same element type), if one is remembered and alive.
    /// </summary>
    public static bool TryGetIdentity(ReadOnlySpan<byte> bytes, byte elementTag, out MemoHash128 identity)
    {
        identity = default;
        if (s_byAddress.IsEmpty || bytes.IsEmpty)
        {
            return false;
        }

        nint address = AddressOf(ref MemoryMarshal.GetReference(bytes));
        if (!s_byAddress.TryGetValue(address, out Entry? entry)
            || entry.Location.Bytes != bytes.Length
            || entry.Location.ElementTag != elementTag
            || !entry.Location.Owner.TryGetTarget(out object? owner)
            || entry.Location.CurrentAddress(owner) != address)
        {
            return false;
        }

        GC.KeepAlive(owner);
        identity = entry.Identity;
        return true;
    }

    /// <summary>Forgets every result (for tests).</summary>
    internal static void Clear() => s_byAddress.Clear();

    internal static unsafe nint AddressOf(ref byte first) => (nint)Unsafe.AsPointer(ref first);

    private static void Sweep()
    {
        foreach (var pair in s_byAddress)
        {
            if (!pair.Value.Location.Owner.TryGetTarget(out _))
            {
                s_byAddress.TryRemove(pair);
            }
        }
    }

    private sealed record Entry(ResultLocation Location, MemoHash128 Identity);
}
