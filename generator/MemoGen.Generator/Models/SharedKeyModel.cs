using MemoGen.Generator.Helpers;

namespace MemoGen.Generator.Models;

/// <summary>
/// A key struct shared by every method whose key has the same shape (the same component types in order), emitted once
/// per compilation in <c>MemoGen.Keys.g.cs</c> instead of once per method.
/// </summary>
/// <param name="Class">The class that holds the compilation's shared keys, <c>global::</c>-qualified.</param>
/// <param name="Name">The struct's name, made of its component types, such as <c>Key_int_string_Descriptor_1a2b3c4d</c>.</param>
/// <param name="Components">The key's components in order: their types and how each is hashed.</param>
/// <param name="HashWriters">The shared record writers its record components are written by, or null when it has none.</param>
internal sealed record SharedKeyModel(string Class, string Name, EquatableArray<KeyComponentModel> Components, string? HashWriters)
{
    /// <summary>The struct's name as generated code spells it.</summary>
    public string QualifiedName => Class + "." + Name;
}

/// <summary>One component of a <see cref="SharedKeyModel"/>.</summary>
/// <param name="Type">The component's type, <c>global::</c>-qualified with nullable annotations.</param>
/// <param name="Shape">How it is hashed.</param>
internal sealed record KeyComponentModel(string Type, ValueShape Shape);
