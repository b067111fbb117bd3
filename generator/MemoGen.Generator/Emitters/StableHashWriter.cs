using System.CodeDom.Compiler;
using MemoGen.Generator.Models;

namespace MemoGen.Generator;

/// <summary>
/// Writes the statements that encode a value into a <c>MemoHasher</c> named <c>hasher</c> (docs/key-hash.md): used by
/// the keys for their components and by the shared hash writers for records.
/// </summary>
internal static class StableHashWriter
{
    /// <summary>Writes a function that returns the digest of <c>value</c>: a new hasher, the value's encoding, its hash.</summary>
    public static void WriteDigest(IndentedTextWriter writer, string declaration, ValueShape shape)
    {
        writer.WriteLine(declaration);
        writer.OpenBlock();
        writer.WriteLine($"var hasher = new {KeyEmitter.Hasher}();");
        WriteValue(writer, shape, "value", depth: 0);
        writer.WriteLine("return hasher.Finish();");
        writer.CloseBlock();
    }

    /// <summary>Writes the statements that encode <paramref name="value"/> into <c>hasher</c>.</summary>
    public static void WriteValue(IndentedTextWriter writer, ValueShape shape, string value, int depth)
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

    /// <summary>The type a record's writer and digest take: nullable for a reference type.</summary>
    public static string ParameterType(CompositeShape composite) => composite.IsReferenceType ? composite.Type + "?" : composite.Type;

    /// <summary>Writes the method that encodes a record member by member, declared as <paramref name="declaration"/>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="composite">The record.</param>
    /// <param name="declaration">Modifiers and name, such as <c>private static void __memoWriteMap</c>.</param>
    public static void WriteComposite(IndentedTextWriter writer, CompositeShape composite, string declaration)
    {
        writer.WriteLine($"{declaration}(ref {KeyEmitter.Hasher} hasher, {ParameterType(composite)} value)");
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
}
