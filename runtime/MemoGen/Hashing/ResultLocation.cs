using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MemoGen.Disk;

namespace MemoGen.Hashing;

/// <summary>
/// Where a result's elements live: the object that keeps them alive (an array, or the manager of mapped memory, which
/// never moves), the offset of the first element in it, their byte length and element tag.
/// </summary>
internal sealed record ResultLocation(WeakReference<object> Owner, nint Address, long OffsetBytes, long Bytes, byte ElementTag)
{
    /// <summary>
    /// The size from which the runtime allocates an array on the large object heap, which it does not compact unless
    /// asked to. Smaller arrays move at every compacting collection, so an identity remembered by address would come and
    /// go with the collector, and a key would change from one call to the next; they are cheap to hash by content.
    /// </summary>
    internal const long LargeObjectBytes = 85_000;

    /// <summary>Where the first element is now: an array may have moved; mapped memory stays while its manager lives.</summary>
    public nint CurrentAddress(object owner) => owner is Array array ? AddressIn(array, OffsetBytes) : Address;

    private static nint AddressIn(Array array, long offsetBytes) =>
        MemoProvenance.AddressOf(ref MemoryMarshal.GetArrayDataReference(array)) + (nint)offsetBytes;

    /// <summary>The location of a non-empty array's elements.</summary>
    public static bool TryOf<T>(T[]? array, byte elementTag, out ResultLocation location) where T : unmanaged =>
        TryOf(array, 0, array?.Length ?? 0, elementTag, out location);

    /// <summary>The location of a non-empty memory's elements, over an array or over mapped memory.</summary>
    public static bool TryOf<T>(ReadOnlyMemory<T> memory, byte elementTag, out ResultLocation location) where T : unmanaged
    {
        if (MemoryMarshal.TryGetArray(memory, out ArraySegment<T> segment))
        {
            return TryOf(segment.Array, segment.Offset, segment.Count, elementTag, out location);
        }

        location = null!;
        if (memory.IsEmpty || !MemoryMarshal.TryGetMemoryManager(memory, out MappedMemoryManager<T>? manager))
        {
            return false;
        }

        location = new ResultLocation(
            new WeakReference<object>(manager),
            MemoProvenance.AddressOf(ref MemoryMarshal.GetReference(MemoryMarshal.AsBytes(memory.Span))),
            0,
            (long)memory.Length * Unsafe.SizeOf<T>(),
            elementTag);
        return true;
    }

    /// <summary>The location of a whole one-dimensional array of <paramref name="bytes"/> bytes of primitives (<paramref name="elementTag"/> 0x01–0x0C), read from disk.</summary>
    public static bool TryOfLoaded(Array array, long bytes, byte elementTag, out ResultLocation location)
    {
        location = null!;
        if (bytes < LargeObjectBytes || elementTag is < MemoTag.Boolean or > MemoTag.Double || !array.GetType().IsSZArray)
        {
            return false;
        }

        location = new ResultLocation(new WeakReference<object>(array), AddressIn(array, 0), 0, bytes, elementTag);
        return true;
    }

    private static bool TryOf<T>(T[]? array, int offset, int count, byte elementTag, out ResultLocation location) where T : unmanaged
    {
        location = null!;
        if (array is null || count == 0 || (long)array.Length * Unsafe.SizeOf<T>() < LargeObjectBytes)
        {
            return false;
        }

        long offsetBytes = (long)offset * Unsafe.SizeOf<T>();
        location = new ResultLocation(
            new WeakReference<object>(array),
            AddressIn(array, offsetBytes),
            offsetBytes,
            (long)count * Unsafe.SizeOf<T>(),
            elementTag);
        return true;
    }
}
