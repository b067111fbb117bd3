using System.Linq;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>Where the method keeps its results, which decides its form (DESIGN §1): MEMO011, MEMO012.</summary>
internal static class ContextChecks
{
    public static void Check(CheckedMethod m)
    {
        var method = m.Method;
        var owner = method.ContainingType;
        for (var type = owner.BaseType; type is not null; type = type.BaseType)
        {
            if (type.TypeKind == TypeKind.Error)
            {
                m.Report(Problem.ReportedByCompiler);
                return;
            }
        }

        if (!method.IsStatic && owner.DerivesFrom(KnownTypes.MemoContext))
        {
            m.Form = MemoForm.ContextIsThis;
            return;
        }

        var first = method.Parameters.FirstOrDefault();
        if (first is not null && first.Type.ContainsErrorType())
        {
            m.Report(Problem.ReportedByCompiler);
            return;
        }

        if (first is null || !first.Type.DerivesFrom(KnownTypes.MemoContext))
        {
            var misplaced = method.Parameters.Skip(1).FirstOrDefault(p => p.Type.DerivesFrom(KnownTypes.MemoContext));
            var advice = misplaced is not null
                ? $"the context must be the first parameter: move '{misplaced.Name}' to the front"
                : method.IsStatic
                    ? "make a MemoContext its first parameter, such as 'MemoContext context'"
                    : $"derive '{owner.ForMessage()}' from MemoContext, or make a MemoContext its first parameter";
            m.Report(Problem.Of(DiagnosticDescriptors.NoContext, m.Location, m.Name, advice));
            return;
        }

        m.Form = method.IsStatic ? MemoForm.StaticWithContext : MemoForm.InstanceWithContext;
        if (m.Form == MemoForm.InstanceWithContext)
        {
            var shapes = m.Shapes!;
            m.OwnerShape = shapes.Build(owner);
            if (m.OwnerShape is null)
            {
                m.Report(Problem.Of(DiagnosticDescriptors.UnhashableOwner, m.Location, m.Name, owner.ForMessage(), shapes.Rejection(owner)));
            }
        }
    }
}
