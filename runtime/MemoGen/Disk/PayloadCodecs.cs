using System;

namespace MemoGen.Disk;

/// <summary>Chooses how a function's values are written: its registered cacher, raw bytes, or the serializer.</summary>
internal static class PayloadCodecs
{
    /// <summary>The codec of the function <paramref name="functionName"/>, whose values are <typeparamref name="TResult"/>.</summary>
    /// <exception cref="InvalidOperationException">The cacher registered for the function handles another type.</exception>
    public static IPayloadCodec<TResult> For<TResult>(MemoOptions options, string functionName)
    {
        if (options.CacherFor(functionName) is { } cacher)
        {
            return cacher is IMemoCacher<TResult> typed
                ? new CacherCodec<TResult>(typed, functionName)
                : throw new InvalidOperationException(
                    $"The cacher registered for '{functionName}' ({cacher.GetType()}) does not implement IMemoCacher<{typeof(TResult)}>, "
                    + $"the function's result type. Register an IMemoCacher<{typeof(TResult)}> for it.");
        }

        if (RawShapes.For<TResult>() is { } shape)
        {
            return new RawCodec<TResult>(shape);
        }

        return new SerializerCodec<TResult>(options.Serializer);
    }
}
