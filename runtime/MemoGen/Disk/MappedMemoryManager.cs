using System;
using System.Buffers;

namespace MemoGen.Disk;

/// <summary>
/// The memory of a <see cref="ReadOnlyMemory{T}"/> result that is a view of a memory-mapped payload: no byte of it is
/// read until it is used. The mapping lives as long as this manager is reachable, through any
/// <see cref="ReadOnlyMemory{T}"/> over it, and is released by its <see cref="System.Runtime.InteropServices.SafeHandle"/>'s
/// finalizer once it is not.
/// </summary>
/// <remarks>
/// A <see cref="Span{T}"/> taken from the memory does not keep the mapping alive: whoever holds only a span must keep
/// the memory reachable (for example with <see cref="GC.KeepAlive"/>) until done with it. The view is copy-on-write,
/// so a write through an unsafe cast changes this process's pages, never the file.
/// </remarks>
internal sealed unsafe class MappedMemoryManager<T> : MemoryManager<T>
    where T : unmanaged
{
    private readonly MemoMappedView _view;
    private readonly int _length;

    /// <summary>A manager of the first <paramref name="length"/> elements of <paramref name="view"/>.</summary>
    public MappedMemoryManager(MemoMappedView view, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)length * sizeof(T), view.Length);
        _view = view;
        _length = length;
    }

    /// <inheritdoc />
    public override Span<T> GetSpan() => new(_view.Pointer, _length);

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)elementIndex, (uint)_length, nameof(elementIndex));
        return new MemoryHandle((T*)_view.Pointer + elementIndex, default, this);
    }

    /// <inheritdoc />
    public override void Unpin()
    {
    }

    /// <summary>
    /// Does nothing: the memory is shared by every caller that received it, so only the garbage collector can tell
    /// when the mapping may go.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
    }
}
