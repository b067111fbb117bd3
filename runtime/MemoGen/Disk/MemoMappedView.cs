using System;
using System.IO.MemoryMappedFiles;

namespace MemoGen.Disk;

/// <summary>
/// A region of a file mapped into memory. The mapping is owned by the view's <see cref="System.Runtime.InteropServices.SafeHandle"/>:
/// it is released by <see cref="Dispose"/>, or by the handle's finalizer once nothing references the view.
/// </summary>
internal sealed unsafe class MemoMappedView : IDisposable
{
    private readonly MemoryMappedViewAccessor? _accessor;

    /// <summary>Takes ownership of <paramref name="accessor"/>, whose first <paramref name="length"/> bytes are the region.</summary>
    public MemoMappedView(MemoryMappedViewAccessor accessor, long length)
    {
        _accessor = accessor;

        // No AcquirePointer: its reference count would keep the mapping alive past the handle's finalizer. The
        // handle stays reachable through _accessor for as long as this view is.
        Pointer = (byte*)accessor.SafeMemoryMappedViewHandle.DangerousGetHandle() + accessor.PointerOffset;
        Length = length;
    }

    /// <summary>The first mapped byte.</summary>
    public byte* Pointer { get; }

    /// <summary>The length of the region in bytes.</summary>
    public long Length { get; }

    /// <summary>Unmaps the region; no pointer into it may be used afterwards.</summary>
    public void Dispose() => _accessor?.Dispose();
}
