using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;

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
    public static long Estimate<T>(T value) => SizeOf<T>.Estimate(value);

    /// <summary>The estimated size of a table entry holding <paramref name="value"/> under a <typeparamref name="TKey"/>.</summary>
    public static long EstimateEntry<TKey, TValue>(TValue value) =>
        EntryOverhead + Unsafe.SizeOf<TKey>() + Estimate(value);

    private static long ElementSize<TElement>() =>
        RuntimeHelpers.IsReferenceOrContainsReferences<TElement>() ? ElementGuess : Unsafe.SizeOf<TElement>();

    private static long OfArray<TElement>(TElement[]? array) =>
        array is null ? 0 : ObjectOverhead + (array.LongLength * ElementSize<TElement>());

    private static long OfImmutableArray<TElement>(ImmutableArray<TElement> array) =>
        array.IsDefault ? 0 : ObjectOverhead + (array.Length * ElementSize<TElement>());

    private static long OfReadOnlyMemory<TElement>(ReadOnlyMemory<TElement> memory) =>
        ObjectOverhead + (memory.Length * ElementSize<TElement>());

    private static long OfMemory<TElement>(Memory<TElement> memory) =>
        ObjectOverhead + (memory.Length * ElementSize<TElement>());

    private static long OfReadOnlyCollection<TCollection, TElement>(TCollection collection)
        where TCollection : IReadOnlyCollection<TElement> =>
        collection is null ? 0 : ObjectOverhead + (collection.Count * ElementSize<TElement>());

    private static long OfCollection<TCollection>(TCollection collection)
        where TCollection : ICollection =>
        collection is null ? 0 : ObjectOverhead + ((long)collection.Count * ElementGuess);

    private static long OfString(string? text) => text is null ? 0 : ObjectOverhead + (2L * text.Length);

    /// <summary>The way to estimate a <typeparamref name="T"/>, chosen once per type.</summary>
    private static class SizeOf<T>
    {
        public static readonly Func<T, long> Estimate = Choose();

        private static Func<T, long> Choose()
        {
            Type type = typeof(T);
            if (type == typeof(string))
            {
                return (Func<T, long>)(object)new Func<string?, long>(OfString);
            }

            if (OfPrimitives(type) is { } ofPrimitives)
            {
                return ofPrimitives;
            }

            try
            {
                if (type.IsSZArray)
                {
                    return Specialize(nameof(OfArray), type.GetElementType()!);
                }

                if (type.IsGenericType)
                {
                    Type definition = type.GetGenericTypeDefinition();
                    Type element = type.GetGenericArguments()[0];
                    if (definition == typeof(ImmutableArray<>))
                    {
                        return Specialize(nameof(OfImmutableArray), element);
                    }

                    if (definition == typeof(ReadOnlyMemory<>))
                    {
                        return Specialize(nameof(OfReadOnlyMemory), element);
                    }

                    if (definition == typeof(Memory<>))
                    {
                        return Specialize(nameof(OfMemory), element);
                    }
                }

                if (FindReadOnlyCollectionElement(type) is { } collectionElement)
                {
                    return Specialize(nameof(OfReadOnlyCollection), type, collectionElement);
                }

                if (typeof(ICollection).IsAssignableFrom(type))
                {
                    return Specialize(nameof(OfCollection), type);
                }
            }
            catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or ArgumentException)
            {
                // Without dynamic code (Native AOT) the generic instantiation may be missing: fall back to a flat size.
            }

            long flat = type.IsValueType && !RuntimeHelpers.IsReferenceOrContainsReferences<T>()
                ? Unsafe.SizeOf<T>()
                : NominalSize;
            return _ => flat;
        }

        /// <summary>
        /// The estimate of an array, <c>ImmutableArray</c>, <c>ReadOnlyMemory</c> or <c>Memory</c> of a primitive
        /// (what raw payloads hold), without reflection: a first disk hit of such a result should not pay for it.
        /// </summary>
        private static Func<T, long>? OfPrimitives(Type type)
        {
            Type? element = type.IsSZArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[0] : null;
            if (element is null || !element.IsPrimitive)
            {
                return null;
            }

            long size = Buffer.ByteLength(Array.CreateInstance(element, 1));
            if (type.IsSZArray)
            {
                // Contravariance: a delegate over any array serves as one over this array type.
                return (Func<T, long>)(object)new Func<Array?, long>(array => array is null ? 0 : ObjectOverhead + (array.LongLength * size));
            }

            Type definition = type.GetGenericTypeDefinition();
            if (definition == typeof(ImmutableArray<>))
            {
                // An ImmutableArray is its one array field (what ImmutableCollectionsMarshal relies on too).
                return value => Unsafe.As<T, Array?>(ref value) is { } array ? ObjectOverhead + (array.LongLength * size) : 0;
            }

            if (definition == typeof(ReadOnlyMemory<>) || definition == typeof(Memory<>))
            {
                // Every ReadOnlyMemory<T> and Memory<T> has the same fields (object, index, length), whatever T is.
                return value => ObjectOverhead + (Unsafe.As<T, ReadOnlyMemory<byte>>(ref value).Length * size);
            }

            return null;
        }

        private static Func<T, long> Specialize(string methodName, params Type[] typeArguments) =>
            typeof(MemoSizeEstimator)
                .GetMethod(methodName, BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(typeArguments)
                .CreateDelegate<Func<T, long>>();

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
