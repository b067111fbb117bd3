using MemoGen.Generator.Helpers;

namespace MemoGen.Generator.Models;

/// <summary>
/// What the emitter needs to hash one value. Composites are referred to by <see cref="Type"/> and described once in
/// <see cref="MethodModel.Composites"/>, so recursive records stay finite.
/// </summary>
/// <param name="Kind">How the value is written.</param>
/// <param name="Type">The value's type, <c>global::</c>-qualified.</param>
/// <param name="Detail">
/// The enum's underlying type for <see cref="ValueKind.Enum"/>; the element type written raw for
/// <see cref="ValueKind.PrimitiveArray"/>; the generated writer method for <see cref="ValueKind.Composite"/>.
/// </param>
/// <param name="Container">The collection type, for arrays and sequences.</param>
/// <param name="Elements">The element shape of a nullable, array or sequence; the item shapes of a tuple.</param>
/// <param name="IsDirect">Whether the value can sit in an in-memory key as itself, compared by its own equality.</param>
internal sealed record ValueShape(
    ValueKind Kind,
    string Type,
    string Detail,
    ContainerKind Container,
    EquatableArray<ValueShape> Elements,
    bool IsDirect)
{
    public ValueShape Element => Elements[0];
}
