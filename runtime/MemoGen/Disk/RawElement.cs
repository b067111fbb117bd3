using System;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// The element type of a raw payload as its header records it: a primitive's tag from the key hash's table (docs/key-hash.md),
/// or <see cref="MemoTag.Composite"/> for any other unmanaged struct, identified by a hash of its name and fields.
/// A reader compares this with the element type it expects; the file never chooses the type.
/// </summary>
/// <param name="Kind">The tag: 0x01–0x0C for <c>bool</c> to <c>double</c>, 0x30 for another struct.</param>
/// <param name="Size">The element's size in bytes.</param>
/// <param name="TypeId">0 for a primitive; for a struct, XXH64 of its layout signature.</param>
/// <param name="Name">The element type's name, for people.</param>
internal readonly record struct RawElement(byte Kind, int Size, ulong TypeId, string Name)
{
    /// <summary>Describes <paramref name="type"/>, an unmanaged type of <paramref name="size"/> bytes.</summary>
    public static RawElement For(Type type, int size)
    {
        if (MemoHasher.TryGetElementTag(type, out byte tag))
        {
            return new RawElement(tag, size, 0, PrimitiveName(tag));
        }

        var signature = new StringBuilder();
        AppendSignature(signature, type, depth: 0);
        signature.Append('#').Append(size);
        return new RawElement(MemoTag.Composite, size, ShortXxh64.Hash(Encoding.UTF8.GetBytes(signature.ToString())), type.Name);
    }

    /// <summary>Describes <typeparamref name="T"/>.</summary>
    public static RawElement For<T>()
        where T : unmanaged => For(typeof(T), Unsafe.SizeOf<T>());

    private static string PrimitiveName(byte tag) => tag switch
    {
        MemoTag.Boolean => "bool",
        MemoTag.SByte => "sbyte",
        MemoTag.Byte => "byte",
        MemoTag.Int16 => "short",
        MemoTag.UInt16 => "ushort",
        MemoTag.Int32 => "int",
        MemoTag.UInt32 => "uint",
        MemoTag.Int64 => "long",
        MemoTag.UInt64 => "ulong",
        MemoTag.Char => "char",
        MemoTag.Single => "float",
        _ => "double",
    };

    // Name and fields in declaration order, recursively: reordering, renaming or retyping a field changes the id, so
    // an entry written with the old layout is a miss instead of a misreading.
    private static void AppendSignature(StringBuilder signature, Type type, int depth)
    {
        signature.Append(type.FullName);
        if (type.IsPrimitive || type.IsEnum || depth > 8)
        {
            if (type.IsEnum)
            {
                signature.Append(':').Append(Enum.GetUnderlyingType(type).FullName);
            }

            return;
        }

        signature.Append('{');
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            signature.Append(field.Name).Append(':');
            AppendSignature(signature, field.FieldType, depth + 1);
            signature.Append(';');
        }

        signature.Append('}');
    }
}
