using System;
using System.Buffers;

namespace MemoGen.Disk;

/// <summary>
/// The memory of a <see cref="ReadOnlyMemory{T}"/> result that is a view of a memory-mapped payload: no byte of it is
/// read until it is used. The context that loaded it keeps its view (<see cref="MappedViews"/>), so the mapping lives
/// until that <see cref="MemoContext"/> is disposed, however the result is held, a bare <see cref="Span{T}"/> included.
/// </summary>
/// <remarks>
/// The view is copy-on-write, so a write through an unsafe cast changes this process's pages, never the file.
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

    /// <summary>The mapped view this memory is over.</summary>
    public MemoMappedView View => _view;

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
    /// Does nothing: the memory is shared by every caller that received it, so it is unmapped only when the context
    /// that loaded it is disposed.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
    }
}
