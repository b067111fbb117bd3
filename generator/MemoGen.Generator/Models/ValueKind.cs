namespace MemoGen.Generator.Models;

/// <summary>How a value is written into the stable key hash (docs/key-hash.md).</summary>
internal enum ValueKind
{
    /// <summary>A type with its own <c>MemoHasher.Write</c> overload: primitives, string, decimal, dates, Guid.</summary>
    Scalar,
    Enum,
    Nullable,

    /// <summary>An array, memory or list of a primitive or enum, hashed as raw bytes.</summary>
    PrimitiveArray,

    /// <summary>An array, memory or list of other hashable elements, hashed one by one.</summary>
    Sequence,

    /// <summary>A record or record struct, hashed member by member in declaration order.</summary>
    Composite,
    Tuple,

    /// <summary>A type that writes itself through <c>IMemoHashable</c>.</summary>
    Hashable,
}
