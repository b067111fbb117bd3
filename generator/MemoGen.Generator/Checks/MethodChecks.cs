using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator.Checks;

/// <summary>
/// The rules a <c>[Memoize]</c> method must follow, shared by the generator (which skips a method with any problem)
/// and the analyzer (which reports them). Each rule lives in the check named after its concern.
/// </summary>
internal static class MethodChecks
{
    public static CheckedMethod Check(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, Compilation compilation, CancellationToken cancellationToken)
    {
        var m = new CheckedMethod(method, syntax, attribute, compilation, cancellationToken);
        if (!DeclarationChecks.Check(m))
        {
            return m;
        }

        m.Shapes = new HashShapeBuilder(compilation, method.ContainingType);
        ContextChecks.Check(m);
        ParameterChecks.Check(m);
        cancellationToken.ThrowIfCancellationRequested();
        ResultChecks.Check(m);

        // The user's own implementation stands where the Core method would: MEMO005 says to move it there.
        if (!m.IsImplemented)
        {
            CoreChecks.Check(m);
        }

        AttributeChecks.Check(m);
        CacherChecks.Check(m);
        return m;
    }
}
