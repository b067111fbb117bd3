using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using MemoGen.Disk;

namespace MemoGen.Infrastructure;

/// <summary>
/// Estimates how much memory a cached value keeps alive, cheaply enough to run on every insert. The figures are
/// guesses that rank values sensibly, not measurements:
/// <list type="bullet">
/// <item>arrays, <see cref="ImmutableArray{T}"/>, <see cref="ReadOnlyMemory{T}"/> and <see cref="Memory{T}"/>: length × element size + <see cref="ObjectOverhead"/>;</item>
/// <item><see cref="string"/>: 2 × length + <see cref="ObjectOverhead"/>;</item>
/// <item>other collections (<see cref="IReadOnlyCollection{T}"/> or <see cref="ICollection"/>): count × element size + <see cref="ObjectOverhead"/>;</item>
/// <item>value types without references: their size;</item>
/// <item>anything else: <see cref="NominalSize"/>.</item>
/// </list>
/// The element size is the element's own size when it is an unmanaged type, else <see cref="ElementGuess"/> (a
/// reference plus a small object it points to).
/// </summary>
/// <remarks>
/// The way to estimate a type is chosen once per type by code that is not generic (<see cref="SizeRule"/>), so that
/// ReadyToRun precompiles it: only <see cref="Estimate{T}"/> itself is compiled per value type.
/// </remarks>
internal static class MemoSizeEstimator
{
    /// <summary>An object's header, method table pointer and length.</summary>
    internal const int ObjectOverhead = 24;

    /// <summary>The size assumed for a value of a type the estimator does not look into.</summary>
    internal const int NominalSize = 64;

    /// <summary>The size assumed for one element that is, or holds, a reference.</summary>
    internal const int ElementGuess = 32;

    /// <summary>What a table spends per entry besides key and value: its cell and its share of the map's slots.</summary>
    internal const int EntryOverhead = 96;

    /// <summary>The estimated size of <paramref name="value"/> in bytes.</summary>
    public static long Estimate<T>(T value)
    {
        SizeRule rule = SizeRule.For(typeof(T));
        switch (rule.Kind)
        {
            case SizeKind.String:
                return Unsafe.As<T, string?>(ref value) is { } text ? ObjectOverhead + (2L * text.Length) : 0;
            case SizeKind.Array:
                // An array, or an ImmutableArray, whose one field is its array.
                return Unsafe.As<T, Array?>(ref value) is { } array ? ObjectOverhead + (array.LongLength * rule.ElementSize) : 0;
            case SizeKind.Memory:
                // Every ReadOnlyMemory<T> and Memory<T> has the same fields (object, index, length), whatever T is.
                return ObjectOverhead + (Unsafe.As<T, ReadOnlyMemory<byte>>(ref value).Length * rule.ElementSize);
            case SizeKind.Collection:
                return value is null ? 0 : ObjectOverhead + (rule.CountOf!(value) * rule.ElementSize);
            default:
                return typeof(T).IsValueType && !RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? Unsafe.SizeOf<T>() : NominalSize;
        }
    }

    /// <summary>The estimated size of a table entry holding <paramref name="value"/> under a key of <paramref name="keySize"/> bytes.</summary>
    public static long EstimateEntry<TValue>(int keySize, TValue value) => Entry(keySize, Estimate(value));

    /// <summary>The estimated size of a table entry holding a value of <paramref name="valueSize"/> bytes under a key of <paramref name="keySize"/> bytes.</summary>
    public static long Entry(int keySize, long valueSize) => EntryOverhead + keySize + valueSize;

    private enum SizeKind : byte
    {
        Flat,
        String,
        Array,
        Memory,
        Collection,
    }

    /// <summary>How to estimate the values of one type: chosen once per type, without generic code.</summary>
    private sealed class SizeRule
    {
        private static readonly Lock s_lock = new();
        private static readonly SizeRule s_flat = new(SizeKind.Flat, 0, null);

        // Replaced, never changed, under the lock: an insert reads it without one. It holds a few types per process.
        private static Dictionary<Type, SizeRule> s_byType = new();
        private SizeRule(SizeKind kind, long elementSize, Func<object, long>? countOf)
        {
            Kind = kind;
            ElementSize = elementSize;
            CountOf = countOf;
        }

        public SizeKind Kind { get; }

        public long ElementSize { get; }

        /// <summary>The element count of a collection (<see cref="SizeKind.Collection"/>).</summary>
        public Func<object, long>? CountOf { get; }

        public static SizeRule For(Type type) =>
            Volatile.Read(ref s_byType).TryGetValue(type, out SizeRule? rule) ? rule : Add(type);

        private static SizeRule Add(Type type)
        {
            lock (s_lock)
            {
                if (!s_byType.TryGetValue(type, out SizeRule? rule))
                {
                    rule = Choose(type);
                    Volatile.Write(ref s_byType, new Dictionary<Type, SizeRule>(s_byType) { [type] = rule });
                }

                return rule;
            }
        }

        private static SizeRule Choose(Type type)
        {
            if (type == typeof(string))
            {
                return new SizeRule(SizeKind.String, 2, null);
            }

            try
            {
                if (type.IsSZArray)
                {
                    return new SizeRule(SizeKind.Array, SizeOfElement(type.GetElementType()!), null);
                }

                if (type.IsGenericType && type.IsValueType)
                {
                    Type definition = type.GetGenericTypeDefinition();
                    if (definition == typeof(ReadOnlyMemory<>) || definition == typeof(Memory<>))
                    {
                        return new SizeRule(SizeKind.Memory, SizeOfElement(type.GetGenericArguments()[0]), null);
                    }

                    if (ImmutableArrays.Is(definition))
                    {
                        return new SizeRule(SizeKind.Array, SizeOfElement(type.GetGenericArguments()[0]), null);
                    }
                }

                if (FindReadOnlyCollectionElement(type) is { } element)
                {
                    return new SizeRule(SizeKind.Collection, SizeOfElement(element), CountOfReadOnlyCollection(element));
                }

                if (typeof(ICollection).IsAssignableFrom(type))
                {
                    return new SizeRule(SizeKind.Collection, ElementGuess, static collection => ((ICollection)collection).Count);
                }
            }
            catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or ArgumentException or TargetInvocationException)
            {
                // Without dynamic code (Native AOT) a generic instantiation may be missing: fall back to a flat size.
            }

            return s_flat;
        }

        /// <summary>The size of one element: its own for an unmanaged type, else <see cref="ElementGuess"/>.</summary>
        private static long SizeOfElement(Type element)
        {
            if (element.IsPrimitive)
            {
                // No reflection for what raw payloads hold: a first disk hit should not pay for it.
                return Buffer.ByteLength(Array.CreateInstance(element, 1));
            }

            if (!element.IsValueType)
            {
                return ElementGuess;
            }

            return (long)typeof(SizeRule).GetMethod(nameof(ElementSizeOf), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(element).Invoke(null, null)!;
        }

        private static long ElementSizeOf<TElement>() =>
            RuntimeHelpers.IsReferenceOrContainsReferences<TElement>() ? ElementGuess : Unsafe.SizeOf<TElement>();

        /// <summary><see cref="IReadOnlyCollection{T}.Count"/> of <paramref name="element"/>, through its interface (the type may implement it explicitly).</summary>
        private static Func<object, long> CountOfReadOnlyCollection(Type element)
        {
            PropertyInfo count = typeof(IReadOnlyCollection<>).MakeGenericType(element).GetProperty(nameof(IReadOnlyCollection<int>.Count))!;

            // Most collections (arrays, lists, the immutable ones) are also an ICollection, whose count needs no reflection.
            return collection => collection is ICollection known ? known.Count : (int)count.GetValue(collection)!;
        }

        private static Type? FindReadOnlyCollectionElement(Type type)
        {
            if (type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>))
            {
                return type.GetGenericArguments()[0];
            }

            foreach (Type implemented in type.GetInterfaces())
            {
                if (implemented.IsGenericType && implemented.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>))
                {
                    return implemented.GetGenericArguments()[0];
                }
            }

            return null;
        }
    }
}
