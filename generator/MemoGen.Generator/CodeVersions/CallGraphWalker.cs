using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator.CodeVersions;

/// <summary>
/// Follows, through the semantic model, everything a memoized method's <c>Core</c> can run: the methods, constructors,
/// property and event accessors, operators and conversions of this compilation that its body names (and, transitively,
/// theirs), the <c>Core</c> of a memoized method it calls, every override or implementation in this compilation of a
/// virtual or interface member it calls, and the constants and static read-only fields it reads. Local functions and
/// lambdas are part of the body that declares them. Each member is visited once, so cycles end.
/// </summary>
internal sealed class CallGraphWalker
{
    private readonly Compilation _compilation;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ISymbol, SyntaxNode[]> _members = new(SymbolEqualityComparer.Default);
    private readonly Queue<ISymbol> _pending = new();
    private readonly SortedSet<string> _assemblies = new(System.StringComparer.Ordinal);
    private readonly List<BlindSpot> _blindSpots = [];
    private readonly HashSet<ISymbol> _reportedBlind = new(SymbolEqualityComparer.Default);
    private List<INamedTypeSymbol>? _sourceTypes;

    private CallGraphWalker(Compilation compilation, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Walks from <paramref name="core"/>; the result lists what its code version must cover.</summary>
    public static CallGraph Walk(IMethodSymbol core, Compilation compilation, CancellationToken cancellationToken)
    {
        var walker = new CallGraphWalker(compilation, cancellationToken);
        walker.Add(core);
        while (walker._pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var member = walker._pending.Dequeue();
            foreach (var node in walker._members[member])
            {
                walker.VisitBody(node);
            }
        }

        return new CallGraph(
            walker._members.Select(static pair => new CoveredMember(pair.Key, pair.Value)).ToList(),
            walker._assemblies.ToList(),
            walker._blindSpots);
    }

    private void VisitBody(SyntaxNode body)
    {
        var model = ModelFor(body.SyntaxTree);
        foreach (var node in body.DescendantNodesAndSelf())
        {
            if (node is not (SimpleNameSyntax or BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax
                or ElementAccessExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax
                or PostfixUnaryExpressionSyntax or CastExpressionSyntax or AssignmentExpressionSyntax))
            {
                continue;
            }

            var info = model.GetSymbolInfo(node, _cancellationToken);
            var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
            if (symbol is not null)
            {
                Reference(symbol, node);
            }
            else if (node is CastExpressionSyntax && model.GetConversion(node, _cancellationToken).MethodSymbol is { } conversion)
            {
                Reference(conversion, node);
            }
        }
    }

    private void Reference(ISymbol symbol, SyntaxNode node)
    {
        switch (symbol)
        {
            case IParameterSymbol { Type.TypeKind: TypeKind.Delegate } or IFieldSymbol { Type.TypeKind: TypeKind.Delegate }
                or IPropertySymbol { Type.TypeKind: TypeKind.Delegate }:
                if (_reportedBlind.Add(symbol))
                {
                    _blindSpots.Add(new BlindSpot(node.GetLocation(), $"the delegate '{symbol.Name}', whose target the caller chooses"));
                }

                break;
            case IMethodSymbol method:
                Call(method, node);
                break;
            case IPropertySymbol property:
                foreach (var accessor in new[] { property.GetMethod, property.SetMethod })
                {
                    if (accessor is not null)
                    {
                        Call(accessor, node);
                    }
                }

                break;
            case IEventSymbol @event:
                foreach (var accessor in new[] { @event.AddMethod, @event.RemoveMethod })
                {
                    if (accessor is not null)
                    {
                        Call(accessor, node);
                    }
                }

                break;
            case IFieldSymbol { IsConst: true } or IFieldSymbol { IsStatic: true, IsReadOnly: true }:
                if (IsInSource(symbol))
                {
                    Add(symbol);
                }

                break;
        }
    }

    private void Call(IMethodSymbol method, SyntaxNode node)
    {
        method = (method.ReducedFrom ?? method).OriginalDefinition;
        if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.BuiltinOperator)
        {
            return; // hashed and walked with the body that declares it, or the language's own
        }

        if (!IsInSource(method))
        {
            if (ReflectionCalls.IsReflection(method) && _reportedBlind.Add(method))
            {
                _blindSpots.Add(new BlindSpot(node.GetLocation(), $"a call to '{method.ContainingType.ToDisplayString()}.{method.Name}', through which it may run code by reflection"));
            }

            if (method.ContainingAssembly is { } assembly)
            {
                _assemblies.Add(assembly.Identity.Name + ", Version=" + assembly.Identity.Version);
            }

            return;
        }

        Add(method);
        if (IsMemoized(method))
        {
            // Its body is generated later and calls its Core, which is what runs: follow it.
            foreach (var core in method.ContainingType.GetMembers(method.Name + "Core").OfType<IMethodSymbol>())
            {
                Add(core);
            }
        }

        if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType.TypeKind == TypeKind.Interface)
        {
            foreach (var implementation in Dispatch.Targets(method, SourceTypes()))
            {
                Add(implementation);
            }
        }
    }

    private void Add(ISymbol member)
    {
        if (_members.ContainsKey(member))
        {
            return;
        }

        _members.Add(member, member.DeclaringSyntaxReferences
            .SelectMany(reference => HashedParts(reference.GetSyntax(_cancellationToken)))
            .ToArray());
        _pending.Enqueue(member);
    }

    /// <summary>
    /// The syntax whose tokens stand for a member. A primary constructor's declaration is its type's: only its parameter
    /// list and base list count, not the whole type.
    /// </summary>
    private static IEnumerable<SyntaxNode> HashedParts(SyntaxNode declaration) => declaration is TypeDeclarationSyntax type
        ? new SyntaxNode?[] { type.ParameterList, type.BaseList }.OfType<SyntaxNode>()
        : [declaration];

    private bool IsInSource(ISymbol symbol) =>
        SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, _compilation.Assembly) && !symbol.DeclaringSyntaxReferences.IsEmpty;

    private static bool IsMemoized(IMethodSymbol method) =>
        method.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownTypes.MemoizeAttribute);

    private SemanticModel ModelFor(SyntaxTree tree) => SharedModels.For(_compilation, tree);

    private List<INamedTypeSymbol> SourceTypes() => _sourceTypes ??= Dispatch.SourceTypesOf(_compilation, _cancellationToken);
}
