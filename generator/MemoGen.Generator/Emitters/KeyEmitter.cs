using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes a method's key type: a readonly struct with equality and hash code for the in-memory tier, and the
/// canonical encoding (docs/key-hash.md) for the stable hash. Values whose own equality is a value comparison sit in
/// the key as themselves; arrays, memories, lists and <c>IMemoHashable</c> values sit in it as their 128-bit content hash.
/// </summary>
internal static class KeyEmitter
{
    private const string Hash = "global::MemoGen.MemoHash128";
    private const string Hasher = "global::MemoGen.MemoHasher";

    public static string KeyType(MethodModel model) => "__memoKey_" + model.Stem;

    public static void Write(IndentedTextWriter writer, MethodModel model)
    {
        var key = KeyType(model);
        var components = Components(model).ToList();

        writer.WriteLine(Emitter.HiddenFromEditor);
        writer.WriteLine(Emitter.GeneratedCode);
        writer.WriteLine($"private readonly struct {key} : global::MemoGen.Infrastructure.IMemoKey<{key}>");
        writer.OpenBlock();
        foreach (var component in components)
        {
            writer.WriteLine($"private readonly {component.FieldType} {component.Field};");
        }

        if (components.Count > 0)
        {
            writer.WriteLine();
        }

        writer.WriteLine($"public {key}({string.Join(", ", components.Select(c => $"{c.Type} {c.Argument}"))})");
        writer.OpenBlock();
        foreach (var component in components)
        {
            // 'this.' because a parameter may be named like another's field ('_map' beside 'map') and would hide it.
            writer.WriteLine(component.Shape.IsDirect
                ? $"this.{component.Field} = {component.Argument};"
                : $"this.{component.Field} = {component.Digest}({component.Argument});");
        }

        writer.CloseBlock();
        writer.WriteLine();

        var equality = components.Count == 0 ? "true" : string.Join(" && ", components.Select(Equality));
        writer.WriteLine($"public bool Equals({key} other) => {equality};");
        writer.WriteLine();
        writer.WriteLine($"public override bool Equals(object? obj) => obj is {key} other && Equals(other);");
        writer.WriteLine();
        WriteGetHashCode(writer, components);
        writer.WriteLine();
        writer.WriteLine($"public void WriteStableHash(ref {Hasher} hasher)");
        writer.OpenBlock();
        foreach (var component in components)
        {
            writer.WriteLine(component.Shape.IsDirect
                ? $"hasher.Write({component.Digest}({component.Field}));"
                : $"hasher.Write({component.Field});");
        }

        writer.CloseBlock();
        foreach (var component in components)
        {
            writer.WriteLine();
            writer.WriteLine($"private static {Hash} {component.Digest}({component.Type} value)");
            writer.OpenBlock();
            writer.WriteLine($"var hasher = new {Hasher}();");
            WriteValue(writer, component.Shape, "value", depth: 0);
            writer.WriteLine("return hasher.Finish();");
            writer.CloseBlock();
        }

        foreach (var composite in model.Composites)
        {
            writer.WriteLine();
            WriteComposite(writer, composite);
        }

        writer.CloseBlock();
    }

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

    /// <summary>Writes the statements that encode <paramref name="value"/> into <c>hasher</c>.</summary>
    private static void WriteValue(IndentedTextWriter writer, ValueShape shape, string value, int depth)
    {
        switch (shape.Kind)
        {
            case ValueKind.Scalar:
                writer.WriteLine($"hasher.Write({value});");
                break;
            case ValueKind.Enum:
                writer.WriteLine($"hasher.Write(({shape.Detail}){value});");
                break;
            case ValueKind.Hashable:
                writer.WriteLine($"hasher.WriteHashable({value});");
                break;
            case ValueKind.Composite:
                writer.WriteLine($"{shape.Detail}(ref hasher, {value});");
                break;
            case ValueKind.Nullable:
                var inner = "__memoValue" + depth;
                writer.WriteLine($"if ({value} is {{ }} {inner})");
                writer.OpenBlock();
                WriteValue(writer, shape.Element, inner, depth + 1);
                writer.CloseBlock();
                writer.WriteLine("else");
                writer.OpenBlock();
                writer.WriteLine("hasher.WriteNull();");
                writer.CloseBlock();
                break;
            case ValueKind.Tuple:
                writer.WriteLine($"hasher.BeginTuple({shape.Elements.Count});");
                for (var i = 0; i < shape.Elements.Count; i++)
                {
                    WriteValue(writer, shape.Elements[i], $"{value}.Item{i + 1}", depth + 1);
                }

                break;
            default:
                WriteContainer(writer, shape, value, depth);
                break;
        }
    }

    private static void WriteContainer(IndentedTextWriter writer, ValueShape shape, string value, int depth)
    {
        var nullCheck = shape.Container switch
        {
            ContainerKind.ImmutableArray => $"{value}.IsDefault",
            ContainerKind.ReadOnlyMemory => null,
            _ => $"{value} is null",
        };
        if (nullCheck is not null)
        {
            writer.WriteLine($"if ({nullCheck})");
            writer.OpenBlock();
            writer.WriteLine("hasher.WriteNull();");
            writer.CloseBlock();
            writer.WriteLine("else");
            writer.OpenBlock();
        }

        if (shape.Kind == ValueKind.PrimitiveArray)
        {
            var element = shape.Element.Type;
            var span = shape.Container switch
            {
                ContainerKind.Array => $"new global::System.ReadOnlySpan<{element}>({value})",
                ContainerKind.ImmutableArray => $"{value}.AsSpan()",
                ContainerKind.ReadOnlyMemory => $"{value}.Span",
                _ => $"global::MemoGen.Infrastructure.MemoSpans.Of({value})",
            };
            if (shape.Element.Kind == ValueKind.Enum)
            {
                span = $"global::System.Runtime.InteropServices.MemoryMarshal.Cast<{element}, {shape.Detail}>({span})";
            }

            writer.WriteLine($"hasher.WriteArray<{shape.Detail}>({span});");
        }
        else
        {
            var (count, items) = shape.Container switch
            {
                ContainerKind.ReadOnlyList => ($"{value}.Count", value),
                ContainerKind.ReadOnlyMemory => ($"{value}.Length", $"{value}.Span"),
                _ => ($"{value}.Length", value),
            };
            var item = "__memoItem" + depth;
            writer.WriteLine($"hasher.BeginSequence({count});");
            writer.WriteLine($"foreach (var {item} in {items})");
            writer.OpenBlock();
            WriteValue(writer, shape.Element, item, depth + 1);
            writer.CloseBlock();
        }

        if (nullCheck is not null)
        {
            writer.CloseBlock();
        }
    }

    private static void WriteComposite(IndentedTextWriter writer, CompositeShape composite)
    {
        var parameterType = composite.IsReferenceType ? composite.Type + "?" : composite.Type;
        writer.WriteLine($"private static void {composite.WriterName}(ref {Hasher} hasher, {parameterType} value)");
        writer.OpenBlock();
        if (composite.IsReferenceType)
        {
            writer.WriteLine("if (value is null)");
            writer.OpenBlock();
            writer.WriteLine("hasher.WriteNull();");
            writer.WriteLine("return;");
            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLine($"hasher.BeginComposite({composite.Members.Count});");
        foreach (var member in composite.Members)
        {
            WriteValue(writer, member.Shape, "value." + member.Name, depth: 0);
        }

        writer.CloseBlock();
    }

    private sealed record Component(string Name, string Type, string Argument, ValueShape Shape)
    {
        public string Field => "__memo_" + Name;

        public string Digest => "__memoDigest_" + Name;

        public string FieldType => Shape.IsDirect ? Type : Hash;
    }
}
