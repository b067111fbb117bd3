using System;

namespace MemoGen.Disk;

/// <summary>
/// What the reading of a raw payload needs of a result type, without knowing it: the element type, the rank, whether
/// it can be a mapped view, and the storage to read into. Not generic, so that <see cref="RawPayloadReader"/>
/// (checks, allocation, read, checksum) is precompiled by ReadyToRun.
/// </summary>
internal abstract class RawShape
{
    /// <summary>The element type.</summary>
    public abstract RawElement Element { get; }

    /// <summary>The number of dimensions of every non-null value.</summary>
    public abstract int Rank { get; }

    /// <summary>Whether a result can be a view of a memory-mapped file (only <c>ReadOnlyMemory&lt;T&gt;</c>).</summary>
    public virtual bool CanMap => false;

    /// <summary>Creates the storage a payload of <paramref name="header"/> is read into: an array of its shape, uninitialized where possible.</summary>
    public abstract Array Allocate(RawHeader header);
}

/// <summary>
/// How a result type is laid out as a raw payload: where its elements' bytes are, and how to build a result from an
/// array (or a mapped view) filled from the file. One per result type.
/// </summary>
/// <typeparam name="TResult">An array, <c>ImmutableArray&lt;T&gt;</c> or <c>ReadOnlyMemory&lt;T&gt;</c> of an unmanaged <c>T</c>.</typeparam>
internal abstract class RawShape<TResult> : RawShape
{
    /// <summary>Whether <paramref name="value"/> is null (a null array, a default <c>ImmutableArray</c>).</summary>
    public abstract bool IsNull(TResult value);

    /// <summary>The length of each dimension of a non-null value.</summary>
    public abstract long[] LengthsOf(TResult value);

    /// <summary>The lower bound of each dimension of a non-null value.</summary>
    public virtual long[] LowerBoundsOf(TResult value) => new long[Rank];

    /// <summary>The first byte of a non-null, non-empty value's elements, which are contiguous.</summary>
    public abstract ref byte DataOf(TResult value);

    /// <summary>The result that wraps <paramref name="storage"/> (from <see cref="RawShape.Allocate"/>), or the null result.</summary>
    public abstract TResult FromStorage(Array? storage);

    /// <summary>The result that is a view of <paramref name="count"/> mapped elements; only when <see cref="RawShape.CanMap"/>.</summary>
    public virtual TResult FromMapped(MemoMappedView view, int count) => throw new NotSupportedException();
}
