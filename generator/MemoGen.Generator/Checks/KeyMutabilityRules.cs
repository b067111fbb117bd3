using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>
/// Whether a key kept in memory as itself can be changed by its caller after the call (MEMO020): a record class with a
/// settable property or a writable field, directly or through the records, nullables and tuples it is made of. Values
/// the key holds as their content hash (arrays, lists, <c>IMemoHashable</c>) are digested at the call and are safe.
/// </summary>
internal static class KeyMutabilityRules
{
    /// <summary>The first record class reachable from <paramref name="type"/> with settable state, and why; null when there is none.</summary>
    public static (ITypeSymbol Record, string Why, string MemberName)? SettableState(ITypeSymbol type) =>
        Find(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static (ITypeSymbol Record, string Why, string MemberName)? Find(ITypeSymbol type, HashSet<ITypeSymbol> seen)
    {
        type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (!seen.Add(type))
        {
            return null;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return Find(nullable.TypeArguments[0], seen);
        }

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            return tuple.TupleElements.Select(e => Find(e.Type, seen)).FirstOrDefault(found => found is not null);
        }

        if (!type.IsRecord)
        {
            return null;
        }

        for (var level = type; level is { IsRecord: true }; level = level.BaseType)
        {
            foreach (var member in level.GetMembers())
            {
                // A record struct is copied into the key: only the reference types it holds can change under it.
                if (type.IsReferenceType && Settable(member) is { } why)
                {
                    return (type, why, member.Name);
                }

                if (member is IFieldSymbol { IsStatic: false } field && Find(field.Type, seen) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }

    private static string? Settable(ISymbol member) => member switch
    {
        IPropertySymbol { IsStatic: false, SetMethod: { IsInitOnly: false } } property => $"its property '{property.Name}' has a set accessor",
        IFieldSymbol { IsStatic: false, IsConst: false, IsReadOnly: false, AssociatedSymbol: null } field => $"its field '{field.Name}' is not readonly",
        _ => null,
    };

    /// <summary>What to do, as the end of the MEMO020 message.</summary>
    public static string WaysOut(ITypeSymbol record, string memberName) =>
        $"make '{memberName}' init-only ('init' or 'readonly'), mark the parameter [MemoIgnore] to leave it out of the key, "
        + $"or implement IMemoHashable on '{record.ForMessage()}' so that the key holds its hash";
}
