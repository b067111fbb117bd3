using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator.Checks;

/// <summary>
/// One <c>[Memoize]</c> method as the checks found it: the problems that keep it from being generated, and the facts
/// the generator builds its model from when there are none. Holds symbols, so it never leaves the parser's transform.
/// </summary>
internal sealed class CheckedMethod
{
    public CheckedMethod(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        Method = method;
        Syntax = syntax;
        Attribute = attribute;
        Compilation = compilation;
        CancellationToken = cancellationToken;
        Arguments = MemoizeArguments.Read(attribute, method.Name);
    }

    public IMethodSymbol Method { get; }

    public MethodDeclarationSyntax Syntax { get; }

    public AttributeData Attribute { get; }

    public Compilation Compilation { get; }

    public CancellationToken CancellationToken { get; }

    public MemoizeArguments Arguments { get; }

    public List<Problem> Problems { get; } = [];

    /// <summary>Whether nothing keeps the method from being generated.</summary>
    public bool CanGenerate => !Problems.Any(p => p.Blocks);

    /// <summary>Where a problem with the method as a whole is reported: its name.</summary>
    public Location Location => Syntax.Identifier.GetLocation();

    /// <summary>The method as messages name it, such as <c>Sky.RmsSquared</c>.</summary>
    public string Name => Method.ForMessage();

    /// <summary>Whether the declaration has a body of its own.</summary>
    public bool HasBody => Syntax.Body is not null || Syntax.ExpressionBody is not null;

    /// <summary>Whether the user implemented the method (MEMO005): that code stands where the <c>Core</c> method would.</summary>
    public bool IsImplemented { get; set; }

    public MemoForm? Form { get; set; }

    /// <summary>Set once a containing type is known, as the generated key is nested in it.</summary>
    public HashShapeBuilder? Shapes { get; set; }

    public ValueShape? OwnerShape { get; set; }

    public List<CheckedParameter> Parameters { get; } = [];

    public AsyncKind Async { get; set; }

    /// <summary>The cached value's type, once the declared return type proved fit to cache.</summary>
    public ITypeSymbol? ResultType { get; set; }

    public IMethodSymbol? Core { get; set; }

    public AsyncKind CoreAsync { get; set; }

    public ITypeSymbol? CoreResultType { get; set; }

    public ResultConversion? Conversion { get; set; }

    public void Report(Problem problem) => Problems.Add(problem);
}

/// <summary>A parameter of a memoized method with what it is to the cache.</summary>
internal readonly record struct CheckedParameter(IParameterSymbol Symbol, ParameterRole Role, ValueShape? Shape);
