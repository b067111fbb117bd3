using System.Linq;
using MemoGen.Generator.Diagnostics;
using MemoGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoGen.Generator.Checks;

/// <summary>
/// What <c>[Memoize]</c> asks for: a cache name fit for a folder, known tags, a result the disk store can keep (unless a
/// cacher writes it, see <see cref="CacherChecks"/>): MEMO010, MEMO013, MEMO014.
/// </summary>
internal static class AttributeChecks
{
    public static void Check(CheckedMethod m)
    {
        var arguments = m.Arguments;
        var syntax = m.Attribute.ApplicationSyntaxReference?.GetSyntax(m.CancellationToken) as AttributeSyntax;
        if (CacheNameRules.WhyUnsafe(arguments.FunctionName) is { } why)
        {
            m.Report(Problem.Of(DiagnosticDescriptors.UnsafeName, NameLocation(m, syntax), arguments.FunctionName, m.Name, why));
        }

        foreach (var tag in arguments.Tags.Where(t => !KnownTags.IsKnown(t)).Distinct())
        {
            m.Report(Problem.Of(DiagnosticDescriptors.UnknownTag, TagLocation(syntax, tag) ?? m.Location, m.Name, tag));
        }

        if (m.ResultType is { } result
            && arguments.Cacher is null
            && arguments.Tags.FirstOrDefault(KnownTags.Stores) is { } storing
            && SerializerRules.WhyNotStorable(result) is { } reason)
        {
            m.Report(Problem.Of(
                DiagnosticDescriptors.NoSerializer,
                m.Syntax.ReturnType.GetLocation(),
                m.Name,
                storing,
                result.ForMessage(),
                reason,
                $"return a record, a primitive, an array or an immutable collection of such, or remove the tag '{storing}'"));
        }
    }

    /// <summary>The <c>Name = ...</c> argument, or the method when the name is its own.</summary>
    public static Location NameLocation(CheckedMethod m, AttributeSyntax? syntax) =>
        m.Arguments.HasExplicitName && Argument(syntax, "Name") is { } name ? name.Expression.GetLocation() : m.Location;

    private static Location? TagLocation(AttributeSyntax? syntax, string tag) =>
        Argument(syntax, "Tags") is { } tags
            ? tags.Expression.DescendantNodesAndSelf()
                .OfType<LiteralExpressionSyntax>()
                .FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression) && l.Token.ValueText == tag)?.GetLocation()
              ?? tags.Expression.GetLocation()
            : null;

    /// <summary>The <c>Name = value</c> argument of the attribute, if written.</summary>
    public static AttributeArgumentSyntax? Argument(AttributeSyntax? syntax, string name) =>
        syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
}
