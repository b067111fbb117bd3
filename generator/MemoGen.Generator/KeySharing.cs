using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator;

/// <summary>
/// Decides whether a method's key can be a struct shared with every method whose key has the same shape: it can when
/// code anywhere in the assembly can name each component type and write its records (no type parameter, nothing
/// private to the containing type). A shared key is the same machine code as a method's own.
/// </summary>
internal static class KeySharing
{
    /// <param name="components">The key's components in order (the owner in form 3, then the key parameters), with their shapes.</param>
    /// <param name="writers">The shared record writers the shapes point at, or null when there are no records.</param>
    /// <param name="recordsShareable">Whether every record the shapes take can be written by the shared record writers.</param>
    /// <param name="compilation">The compilation, for accessibility and the assembly's name.</param>
    public static SharedKeyModel? For(IReadOnlyList<(ITypeSymbol Type, ValueShape Shape)> components, string? writers, bool recordsShareable, Compilation compilation)
    {
        if (!recordsShareable || components.Any(c => c.Type.ContainsTypeParameter() || !compilation.IsSymbolAccessibleWithin(c.Type, compilation.Assembly)))
        {
            return null;
        }

        var models = components.Select(c => new KeyComponentModel(c.Type.ToTypeName(), c.Shape)).ToEquatableArray();
        var exact = string.Join(",", models.Select(c => c.Type + (c.Shape.IsDirect ? "" : "#")));
        var name = GeneratedNames.SharedKeyName(components.Select(c => c.Type), exact);
        return new SharedKeyModel(GeneratedNames.SharedKeysClass(compilation.AssemblyName), name, models, writers);
    }
}
