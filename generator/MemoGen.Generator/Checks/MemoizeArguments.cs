using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>The named arguments of one <c>[Memoize]</c>, read so that arguments the compiler rejects read as absent.</summary>
/// <param name="FunctionName">The cache name: <c>Name</c>, or the method's name.</param>
/// <param name="HasExplicitName">Whether <c>Name</c> was given.</param>
/// <param name="Tags">The tags that are strings, in order.</param>
/// <param name="Version">The manual version.</param>
/// <param name="Cacher">The type named by <c>Cacher = typeof(...)</c>, or null.</param>
internal sealed record MemoizeArguments(string FunctionName, bool HasExplicitName, ImmutableArray<string> Tags, int Version, ITypeSymbol? Cacher)
{
    public static MemoizeArguments Read(AttributeData attribute, string methodName)
    {
        string? name = null;
        var tags = ImmutableArray<string>.Empty;
        var version = 0;
        ITypeSymbol? cacher = null;
        foreach (var argument in attribute.NamedArguments)
        {
            var value = argument.Value;
            switch (argument.Key)
            {
                case "Name" when Scalar(value) is string text:
                    name = text;
                    break;
                case "Tags" when value is { Kind: TypedConstantKind.Array, IsNull: false }:
                    var builder = ImmutableArray.CreateBuilder<string>();
                    foreach (var tag in value.Values)
                    {
                        if (Scalar(tag) is string text)
                        {
                            builder.Add(text);
                        }
                    }

                    tags = builder.ToImmutable();
                    break;
                case "Version" when Scalar(value) is int number:
                    version = number;
                    break;
                case "Cacher" when value is { Kind: TypedConstantKind.Type, IsNull: false, Value: ITypeSymbol type }:
                    cacher = type;
                    break;
            }
        }

        return new MemoizeArguments(name ?? methodName, name is not null, tags, version, cacher);
    }

    /// <summary>The value of a constant that is not an array (<see cref="TypedConstant.Value"/> throws for arrays).</summary>
    private static object? Scalar(TypedConstant constant) => constant.Kind == TypedConstantKind.Array ? null : constant.Value;
}
