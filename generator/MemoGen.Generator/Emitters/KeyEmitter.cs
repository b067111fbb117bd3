using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MemoGen.Generator.Helpers;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes a method's key type: a readonly struct with equality and hash code for the in-memory tier, and the
/// canonical encoding (docs/key-hash.md) for the stable hash. Values whose own equality is a value comparison sit in
/// the key as themselves; arrays, memories, lists and <c>IMemoHashable</c> values sit in it as their 128-bit content hash.
/// </summary>
internal static class KeyEmitter
{
    public const string Hash = "global::MemoGen.MemoHash128";
    public const string Hasher = "global::MemoGen.MemoHasher";

    /// <summary>The key type as the method's generated code names it: the shared struct, or the method's own.</summary>
    public static string KeyType(MethodModel model) => model.SharedKey?.QualifiedName ?? "__memoKey_" + model.Stem;

    /// <summary>Writes the method's own key struct, nested in its containing type; nothing when it shares one.</summary>
    public static void Write(IndentedTextWriter writer, MethodModel model)
    {
        if (model.SharedKey is null)
        {
            WriteStruct(writer, "private", KeyType(model), Components(model).ToList(), model.HashWriters, model.Composites);
        }
    }

    /// <summary>Writes a key struct shared by the methods whose keys have its shape (<see cref="SharedKeysEmitter"/>).</summary>
    public static void WriteShared(IndentedTextWriter writer, SharedKeyModel key)
    {
        var components = key.Components
            .Select((c, i) => new Component(i.ToString(CultureInfo.InvariantCulture), c.Type, "value" + i.ToString(CultureInfo.InvariantCulture), c.Shape))
            .ToList();
        WriteStruct(writer, "internal", key.Name, components, key.HashWriters, EquatableArray<CompositeShape>.Empty);
    }

    private static void WriteStruct(IndentedTextWriter writer, string accessibility, string key, List<Component> components, string? hashWriters, EquatableArray<CompositeShape> composites)
    {
        writer.WriteLine(Emitter.GeneratedCode);
        writer.WriteLine($"{accessibility} readonly struct {key} : global::MemoGen.Infrastructure.IMemoKey<{key}>");
        writer.OpenBlock();
        foreach (var component in components)
        {
            writer.WriteLine($"private readonly {component.FieldType} {component.Field};");
        }

        if (components.Count > 0)
        {
            // 'this.' because a parameter may be named like another component's field.
            var values = components.Select(c => c.Shape.IsDirect ? c.Argument : $"{Digest(hashWriters, c)}({c.Argument})").ToList();
            var assignment = components.Count == 1
                ? $"this.{components[0].Field} = {values[0]}"
                : $"({string.Join(", ", components.Select(c => "this." + c.Field))}) = ({string.Join(", ", values)})";
            writer.WriteLine($"public {key}({string.Join(", ", components.Select(c => $"{c.Type} {c.Argument}"))}) => {assignment};");
        }

        var equality = components.Count == 0 ? "true" : string.Join(" && ", components.Select(Equality));
        writer.WriteLine($"public bool Equals({key} other) => {equality};");
        writer.WriteLine($"public override bool Equals(object? obj) => obj is {key} other && Equals(other);");
        WriteGetHashCode(writer, components);
        writer.WriteLine($"public void WriteStableHash(ref {Hasher} hasher)");
        writer.OpenBlock();
        foreach (var component in components)
        {
            writer.WriteLine(component.Shape.IsDirect
                ? $"hasher.Write({Digest(hashWriters, component)}({component.Field}));"
                : $"hasher.Write({component.Field});");
        }

        writer.CloseBlock();
        foreach (var component in components.Where(c => Digest(hashWriters, c) == c.Digest))
        {
            writer.WriteLine();
            StableHashWriter.WriteDigest(writer, $"private static {Hash} {component.Digest}({component.Type} value)", component.Shape);
        }

        foreach (var composite in composites)
        {
            writer.WriteLine();
            StableHashWriter.WriteComposite(writer, composite, "private static void " + composite.WriterName);
        }

        writer.CloseBlock();
    }

    /// <summary>
    /// The function that digests a component: shared by every key for scalars (the runtime's <c>MemoDigest</c>) and
    /// records (the compilation's hash writers), the key's own for anything else.
    /// </summary>
    private static string Digest(string? hashWriters, Component component) => component.Shape.Kind switch
    {
        ValueKind.Scalar => "global::MemoGen.Infrastructure.MemoDigest.Of",
        ValueKind.Composite when hashWriters is { } shared => shared + ".Digest",
        _ => component.Digest,
    };

    /// <summary>The names of the key's components in field order (a shared key's fields are numbered, not named).</summary>
    public static IEnumerable<string> ComponentNames(MethodModel model) => Components(model).Select(component => component.Name);

    private static IEnumerable<Component> Components(MethodModel model)
    {
        if (model.OwnerShape is { } owner)
        {
            yield return new Component("this", model.OwnerType, "__memoOwner", owner);
        }

        foreach (var parameter in model.Parameters)
        {
            if (parameter.Role == ParameterRole.Key)
            {
                yield return new Component(parameter.PlainName, parameter.Type, parameter.Name, parameter.Shape!);
            }
        }
    }

    private static string Equality(Component component)
    {
        var (left, right) = (component.Field, "other." + component.Field);
        if (!component.Shape.IsDirect)
        {
            return $"{left} == {right}";
        }

        return component.Shape.Kind switch
        {
            ValueKind.Scalar when component.Type is "float" or "double" => $"{left}.Equals({right})",
            ValueKind.Scalar or ValueKind.Enum => $"{left} == {right}",
            _ => $"global::System.Collections.Generic.EqualityComparer<{component.Type}>.Default.Equals({left}, {right})",
        };
    }

    private static void WriteGetHashCode(IndentedTextWriter writer, List<Component> components)
    {
        if (components.Count <= 8)
        {
            var combined = components.Count == 0 ? "0" : $"global::System.HashCode.Combine({string.Join(", ", components.Select(c => c.Field))})";
            writer.WriteLine($"public override int GetHashCode() => {combined};");
            return;
        }

        writer.WriteLine("public override int GetHashCode()");
        writer.OpenBlock();
        writer.WriteLine("var hash = new global::System.HashCode();");
        foreach (var component in components)
        {
            writer.WriteLine($"hash.Add({component.Field});");
        }

        writer.WriteLine("return hash.ToHashCode();");
        writer.CloseBlock();
    }

    private sealed record Component(string Name, string Type, string Argument, ValueShape Shape)
    {
        public string Field => "__memo_" + Name;

        public string Digest => "__memoDigest_" + Name;

        public string FieldType => Shape.IsDirect ? Type : Hash;
    }
}
