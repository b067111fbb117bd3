using System;
using System.Runtime.CompilerServices;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// Chooses how a function's values are written: the cacher registered for it at run time, else the cacher named on its
/// attribute, else raw bytes, else the serializer the options name for it, else the format the generator chose
/// (MemoryPack for a MemoryPack-serializable type), else System.Text.Json.
/// </summary>
internal static class PayloadCodecs
{
    /// <summary>The codec of the function <paramref name="functionName"/>, whose values are <typeparamref name="TResult"/>.</summary>
    /// <param name="options">The context's options, which may register a cacher for the function.</param>
    /// <param name="functionName">The function's cache name.</param>
    /// <param name="attributeCacher">The cacher named on the function's attribute, used when none is registered.</param>
    /// <param name="format">The format the generator chose for <typeparamref name="TResult"/>.</param>
    /// <exception cref="InvalidOperationException">The cacher registered for the function handles another type.</exception>
    public static IPayloadCodec For<TResult>(
        MemoOptions options, string functionName, IMemoCacher<TResult>? attributeCacher = null, MemoPayloadFormat format = MemoPayloadFormat.Serializer) =>
        attributeCacher is null && options.CacherFor(functionName) is null && RawShapes.For(typeof(TResult)) is { } shape
            ? new RawCodec(shape)
            : Typed(options, functionName, attributeCacher, format);

    // Apart from the raw case: compiling this for a raw result's first disk hit would load every codec type over it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IPayloadCodec Typed<TResult>(MemoOptions options, string functionName, IMemoCacher<TResult>? attributeCacher, MemoPayloadFormat format)
    {
        if (options.CacherFor(functionName) is { } cacher)
        {
            return cacher is IMemoCacher<TResult> typed
                ? new CacherCodec<TResult>(typed, functionName)
                : throw new InvalidOperationException(
                    $"The cacher registered for '{functionName}' ({cacher.GetType()}) does not implement IMemoCacher<{typeof(TResult)}>, "
                    + $"the function's result type. Register an IMemoCacher<{typeof(TResult)}> for it.");
        }

        if (attributeCacher is not null)
        {
            return new CacherCodec<TResult>(attributeCacher, functionName);
        }

        if (options.SerializerFor(functionName) is { } serializer)
        {
            return new SerializerCodec<TResult>(serializer);
        }

        return format == MemoPayloadFormat.MemoryPack
            ? MemoryPackCodec<TResult>.Instance
            : new SerializerCodec<TResult>(JsonMemoSerializer.Default);
    }
}
