using System;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using MemoGen.Disk;

namespace MemoGen.Hashing;

/// <summary>
/// Finds the elements of a result of type <typeparamref name="TResult"/> for <see cref="MemoProvenance"/>: decided
/// once per type, so a result of any other type costs one static read.
/// </summary>
internal static class ResultMemory<TResult>
{
    private delegate bool Locator(TResult result, out ResultLocation location);

    private static readonly Locator? s_locate = Build();

    /// <summary>Whether <typeparamref name="TResult"/> is an array, <c>ImmutableArray</c> or <c>ReadOnlyMemory</c> of a primitive.</summary>
    public static bool IsSupported => s_locate is not null;

    /// <summary>Where <paramref name="result"/>'s elements are, if it is non-empty.</summary>
    public static bool TryLocate(TResult result, out ResultLocation location)
    {
        location = null!;
        return s_locate is not null && s_locate(result, out location);
    }

    private static Locator? Build()
    {
        Type type = typeof(TResult);
        (string? method, Type? element) = type switch
        {
            { IsArray: true } when type.GetArrayRank() == 1 && type == type.GetElementType()!.MakeArrayType() => (nameof(FromArray), type.GetElementType()),
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>) => (nameof(FromMemory), type.GetGenericArguments()[0]),
            { IsGenericType: true } when ImmutableArrays.Is(type.GetGenericTypeDefinition()) => (nameof(FromImmutableArray), type.GetGenericArguments()[0]),
            _ => (null, null),
        };
        if (method is null || !MemoHasher.TryGetElementTag(element!, out _))
        {
            return null;
        }

        return typeof(ResultMemory<TResult>)
            .GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(element!)
            .CreateDelegate<Locator>();
    }

    private static bool FromArray<T>(TResult result, out ResultLocation location) where T : unmanaged =>
        ResultLocation.TryOf((T[]?)(object?)result, Tag<T>(), out location);

    private static bool FromImmutableArray<T>(TResult result, out ResultLocation location) where T : unmanaged =>
        ResultLocation.TryOf(ImmutableCollectionsMarshal.AsArray((ImmutableArray<T>)(object)result!), Tag<T>(), out location);

    private static bool FromMemory<T>(TResult result, out ResultLocation location) where T : unmanaged =>
        ResultLocation.TryOf((ReadOnlyMemory<T>)(object)result!, Tag<T>(), out location);

    private static byte Tag<T>() where T : unmanaged
    {
        MemoHasher.TryGetElementTag(typeof(T), out byte tag);
        return tag;
    }
}
