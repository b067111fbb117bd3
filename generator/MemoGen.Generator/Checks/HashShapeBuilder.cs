using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator;

/// <summary>
/// Decides whether a type can be part of a cache key and how it is hashed (DESIGN §2). A type it cannot describe
/// gets <see langword="null"/>: the method is then not generated and the analyzer explains why.
/// </summary>
internal sealed class HashShapeBuilder
{
    private static readonly HashSet<string> ScalarStructs =
    [
        "System.DateTimeOffset", "System.TimeSpan", "System.Guid", "System.DateOnly", "System.TimeOnly",
    ];

    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _within;
    private readonly Dictionary<ITypeSymbol, CompositeShape?> _composites = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, bool> _compositeIsDirect = new(SymbolEqualityComparer.Default);
    private readonly List<ITypeSymbol> _inProgress = [];
    private readonly HashSet<ITypeSymbol> _cyclic = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ITypeSymbol, string> _writerNames = new(SymbolEqualityComparer.Default);
    private readonly List<CompositeShape> _order = [];
    private readonly List<string> _rejectedPath = [];
    private ITypeSymbol? _rejectedType;
    private bool _rejectedAsInaccessible;
    private bool _hasUnshareableComposite;

    /// <param name="compilation">Used to check that generated code may read a record's members.</param>
    /// <param name="within">The type the generated key is nested in.</param>
    public HashShapeBuilder(Compilation compilation, INamedTypeSymbol within)
    {
        _compilation = compilation;
        _within = within;
    }

    /// <summary>Every record the shapes built so far refer to, each described once.</summary>
    public EquatableArray<CompositeShape> Composites => _order.ToEquatableArray();

    /// <summary>
    /// Whether every record built so far can be written by code outside the containing type (the compilation's shared
    /// hash writers): readable anywhere in the assembly, members included, and free of type parameters.
    /// </summary>
    public bool CompositesAreShareable => !_hasUnshareableComposite;

    /// <summary>How <paramref name="type"/> is hashed; null when it cannot be (then <see cref="Rejection"/> says why).</summary>
    public ValueShape? Build(ITypeSymbol type)
    {
        _rejectedType = null;
        _rejectedPath.Clear();
        _rejectedAsInaccessible = false;
        return BuildShape(type);
    }

    /// <summary>
    /// Why the last <see cref="Build"/> failed when the cause lies inside the type, as a clause starting with
    /// "because"; empty when the type itself cannot be hashed.
    /// </summary>
    public string Rejection(ITypeSymbol built)
    {
        if (_rejectedType is null)
        {
            return "";
        }

        var innermost = _rejectedType.ForMessage();
        if (_rejectedPath.Count == 0)
        {
            return SymbolEqualityComparer.Default.Equals(_rejectedType, built) ? "" : $" because it contains '{innermost}'";
        }

        var member = string.Join(".", _rejectedPath);
        return _rejectedAsInaccessible
            ? $" because its member '{member}' cannot be read by generated code"
            : $" because of its member '{member}', as '{innermost}' cannot be hashed";
    }

    private ValueShape? BuildShape(ITypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Error or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Dynamic || type.IsRefLikeType)
        {
            return Reject(type);
        }

        var name = type.ToTypeName();
        if (type.Implements(KnownTypes.MemoHashable))
        {
            return Shape(ValueKind.Hashable, name, isDirect: false);
        }

        if (IsScalar(type))
        {
            return Shape(ValueKind.Scalar, name, isDirect: true);
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            return Shape(ValueKind.Enum, name, isDirect: true, detail: underlying.ToTypeName());
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return BuildShape(nullable.TypeArguments[0]) is { } inner
                ? Shape(ValueKind.Nullable, name, inner.IsDirect, elements: [inner])
                : null;
        }

        if (TryGetContainer(type, out var container, out var elementType))
        {
            return BuildContainer(name, container, elementType);
        }

        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            var items = new List<ValueShape>();
            foreach (var element in tuple.TupleElements)
            {
                if (BuildShape(element.Type) is not { } item)
                {
                    return null;
                }

                items.Add(item);
            }

            return Shape(ValueKind.Tuple, name, items.All(i => i.IsDirect), elements: items);
        }

        return type.IsRecord ? BuildComposite(type, name) : Reject(type);
    }

    private ValueShape? Reject(ITypeSymbol type)
    {
        _rejectedType ??= type;
        return null;
    }

    private static bool IsScalar(ITypeSymbol type) =>
        type.IsPrimitiveForRawHashing()
        || type.SpecialType is SpecialType.System_Decimal or SpecialType.System_String or SpecialType.System_DateTime
        || ScalarStructs.Contains(type.FullMetadataName());

    private static bool TryGetContainer(ITypeSymbol type, out ContainerKind container, out ITypeSymbol elementType)
    {
        (container, elementType) = type switch
        {
            IArrayTypeSymbol { IsSZArray: true } array => (ContainerKind.Array, array.ElementType),
            _ when type.TypeArgumentOf(KnownTypes.ReadOnlyMemory) is { } element => (ContainerKind.ReadOnlyMemory, element),
            _ when type.TypeArgumentOf(KnownTypes.ImmutableArray) is { } element => (ContainerKind.ImmutableArray, element),
            _ when type.TypeArgumentOf(KnownTypes.ReadOnlyList) is { } element => (ContainerKind.ReadOnlyList, element),
            _ => (ContainerKind.None, type),
        };
        return container != ContainerKind.None;
    }

    private ValueShape? BuildContainer(string name, ContainerKind container, ITypeSymbol elementType)
    {
        if (BuildShape(elementType) is not { } element)
        {
            return null;
        }

        var raw = elementType.IsPrimitiveForRawHashing()
            ? elementType.ToTypeName()
            : elementType is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } ? underlying.ToTypeName() : null;
        return raw is not null
            ? Shape(ValueKind.PrimitiveArray, name, isDirect: false, raw, container, [element])
            : Shape(ValueKind.Sequence, name, isDirect: false, container: container, elements: [element]);
    }

    private ValueShape? BuildComposite(ITypeSymbol type, string name)
    {
        if (_composites.TryGetValue(type, out var known))
        {
            if (known is null)
            {
                // A record that contains itself: key it by its hash, not by an equality that walks the same cycle.
                foreach (var pending in _inProgress.SkipWhile(t => !SymbolEqualityComparer.Default.Equals(t, type)))
                {
                    _cyclic.Add(pending);
                }

                return Shape(ValueKind.Composite, name, isDirect: false, detail: _writerNames[type]);
            }

            return Shape(ValueKind.Composite, name, _compositeIsDirect[type], detail: known.WriterName);
        }

        _composites[type] = null;
        _writerNames[type] = WriterName(type);
        _hasUnshareableComposite |= !_compilation.IsSymbolAccessibleWithin(type, _compilation.Assembly) || type.ContainsTypeParameter();
        _inProgress.Add(type);
        var members = BuildMembers(type);
        _inProgress.RemoveAt(_inProgress.Count - 1);
        if (members is null)
        {
            _composites.Remove(type);
            return null;
        }

        var plainName = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToTypeName();
        var composite = new CompositeShape(plainName, _writerNames[type], type.IsReferenceType, members.ToEquatableArray());
        _composites[type] = composite;
        _order.Add(composite);
        var isDirect = !_cyclic.Contains(type) && members.All(m => m.Shape.IsDirect);
        _compositeIsDirect[type] = isDirect;
        return Shape(ValueKind.Composite, name, isDirect, detail: composite.WriterName);
    }

    /// <summary>The instance fields that record equality compares, base record first, read through their properties.</summary>
    private List<MemberShape>? BuildMembers(ITypeSymbol type)
    {
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is { IsRecord: true }; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var members = new List<MemberShape>();
        foreach (var level in chain)
        {
            foreach (var field in level.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || field.IsConst)
                {
                    continue;
                }

                ISymbol reader = field.AssociatedSymbol is IPropertySymbol property ? property : field;
                var readable = reader is IPropertySymbol { GetMethod: { } getter }
                    ? _compilation.IsSymbolAccessibleWithin(getter, _within)
                    : _compilation.IsSymbolAccessibleWithin(reader, _within);
                _hasUnshareableComposite |= !_compilation.IsSymbolAccessibleWithin(reader is IPropertySymbol { GetMethod: { } get } ? get : reader, _compilation.Assembly);
                if (!readable)
                {
                    _rejectedType ??= field.Type;
                    _rejectedAsInaccessible = true;
                }

                if (!readable || BuildShape(field.Type) is not { } shape)
                {
                    _rejectedPath.Insert(0, reader.Name);
                    return null;
                }

                members.Add(new MemberShape(SymbolExtensions.EscapeIdentifier(reader.Name), shape));
            }
        }

        return members;
    }

    private string WriterName(ITypeSymbol type)
    {
        var stem = "__memoWrite" + new string(type.Name.Where(char.IsLetterOrDigit).ToArray());
        var name = stem;
        for (var i = 2; _writerNames.ContainsValue(name); i++)
        {
            name = stem + i;
        }

        return name;
    }

    private static ValueShape Shape(
        ValueKind kind,
        string type,
        bool isDirect,
        string detail = "",
        ContainerKind container = ContainerKind.None,
        IEnumerable<ValueShape>? elements = null) =>
        new(kind, type, detail, container, elements?.ToEquatableArray() ?? EquatableArray<ValueShape>.Empty, isDirect);
}
