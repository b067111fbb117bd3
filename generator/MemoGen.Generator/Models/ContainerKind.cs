namespace MemoGen.Generator.Models;

/// <summary>The collection type holding the elements of a <see cref="ValueKind.PrimitiveArray"/> or <see cref="ValueKind.Sequence"/>.</summary>
internal enum ContainerKind
{
    None,
    Array,
    ReadOnlyMemory,
    ImmutableArray,
    ReadOnlyList,
}
