using System;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// How a result type is laid out as a raw payload: the element type and rank, where a value's elements' bytes are, the
/// storage a payload is read into, and how to build a result from it (or from a mapped view). One per result type.
/// </summary>
/// <remarks>
/// Not generic: values pass as objects (a value-type result boxed), so that <see cref="RawCodec"/> and
/// <see cref="RawPayloadReader"/> (checks, allocation, read, checksum) are precompiled by ReadyToRun, and a first disk hit
/// compiles only the typed steps of the shape itself.
/// </remarks>
internal abstract class RawShape
{
    /// <summary>A shape of <paramref name="rank"/> dimensions of <paramref name="element"/>.</summary>
    protected RawShape(RawElement element, int rank)
    {
        Element = element;
        Rank = rank;
    }

    /// <summary>The element type.</summary>
    public RawElement Element { get; }

    /// <summary>The number of dimensions of every non-null value.</summary>
    public int Rank { get; }

    /// <summary>Whether a result can be a view of a memory-mapped file (only <c>ReadOnlyMemory&lt;T&gt;</c>).</summary>
    public virtual bool CanMap => false;

    /// <summary>Creates the storage a payload of <paramref name="header"/> is read into: an array of its shape, uninitialized where possible.</summary>
    public abstract Array Allocate(RawHeader header);

    /// <summary>Whether <paramref name="value"/> is null (a null array, a default <c>ImmutableArray</c>).</summary>
    public abstract bool IsNull(object? value);

    /// <summary>The length of each dimension of a non-null value.</summary>
    public abstract long[] LengthsOf(object value);

    /// <summary>The lower bound of each dimension of a non-null value.</summary>
    public virtual long[] LowerBoundsOf(object value) => new long[Rank];

    /// <summary>The first byte of a non-null, non-empty value's elements, which are contiguous.</summary>
    public abstract ref byte DataOf(object value);

    /// <summary>The result that wraps <paramref name="storage"/> (from <see cref="Allocate"/>), or the null result.</summary>
    public abstract object? FromStorage(Array? storage);

    /// <summary>The result that is a view of <paramref name="count"/> mapped elements; only when <see cref="CanMap"/>.</summary>
    public virtual object FromMapped(MemoMappedView view, int count) => throw new NotSupportedException();

    /// <summary>Remembers a result from <see cref="FromMapped"/> for provenance (<see cref="Hashing.MemoProvenance"/>).</summary>
    public virtual void RememberMapped(object mapped, MemoFunction function, MemoHash128 hash)
    {
    }
}
