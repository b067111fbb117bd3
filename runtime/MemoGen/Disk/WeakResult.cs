using System;
using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace MemoGen.Disk;

/// <summary>
/// A weak handle on a result, for the <c>"lazy"</c> policy: it lets the result be collected, and gives it back while it
/// has not been. It holds the object a result lives in: a reference-type result itself, the array of an
/// <c>ImmutableArray&lt;T&gt;</c>, the array or memory manager (a mapped file) of a <c>ReadOnlyMemory&lt;T&gt;</c>. Other
/// value types have no such object: they get no handle and every call reloads them from disk.
/// </summary>
internal sealed class WeakResult<TResult>
{
    private static readonly Strategy? s_strategy = Strategy.Choose();

    private readonly WeakReference<object> _target;
    private readonly int _start;
    private readonly int _length;

    private WeakResult(object target, int start, int length)
    {
        _target = new WeakReference<object>(target);
        _start = start;
        _length = length;
    }

    /// <summary>A handle on <paramref name="value"/>, or <see langword="null"/> if it has no object to hold weakly.</summary>
    public static WeakResult<TResult>? Create(TResult value) =>
        s_strategy?.Target(value) is ({ } target, int start, int length) ? new WeakResult<TResult>(target, start, length) : null;

    /// <summary>The result, if it has not been collected.</summary>
    public bool TryGet(out TResult value)
    {
        if (_target.TryGetTarget(out object? target))
        {
            value = s_strategy!.Rebuild(target, _start, _length);
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>How to take a result of one type apart into an object and a range, and put it back together.</summary>
    private abstract class Strategy
    {
        public abstract (object? Target, int Start, int Length) Target(TResult value);

        public abstract TResult Rebuild(object target, int start, int length);

        public static Strategy? Choose()
        {
            Type type = typeof(TResult);
            if (!type.IsValueType)
            {
                return new ReferenceStrategy();
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            {
                return (Strategy)Activator.CreateInstance(typeof(ImmutableArrayStrategy<>).MakeGenericType(typeof(TResult), type.GetGenericArguments()[0]))!;
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ReadOnlyMemory<>))
            {
                return (Strategy)Activator.CreateInstance(typeof(ReadOnlyMemoryStrategy<>).MakeGenericType(typeof(TResult), type.GetGenericArguments()[0]))!;
            }

            return null;
        }
    }

    private sealed class ReferenceStrategy : Strategy
    {
        public override (object? Target, int Start, int Length) Target(TResult value) => (value, 0, 0);

        public override TResult Rebuild(object target, int start, int length) => (TResult)target;
    }

    private sealed class ImmutableArrayStrategy<T> : Strategy
    {
        public override (object? Target, int Start, int Length) Target(TResult value) =>
            (ImmutableCollectionsMarshal.AsArray((ImmutableArray<T>)(object)value!), 0, 0);

        public override TResult Rebuild(object target, int start, int length) =>
            (TResult)(object)ImmutableCollectionsMarshal.AsImmutableArray((T[])target);
    }

    private sealed class ReadOnlyMemoryStrategy<T> : Strategy
    {
        public override (object? Target, int Start, int Length) Target(TResult value)
        {
            var memory = (ReadOnlyMemory<T>)(object)value!;
            if (MemoryMarshal.TryGetArray(memory, out ArraySegment<T> segment))
            {
                return (segment.Array, segment.Offset, segment.Count);
            }

            return MemoryMarshal.TryGetMemoryManager(memory, out MemoryManager<T>? manager, out int start, out int length)
                ? (manager, start, length)
                : (null, 0, 0);
        }

        public override TResult Rebuild(object target, int start, int length) =>
            (TResult)(object)(target is T[] array
                ? new ReadOnlyMemory<T>(array, start, length)
                : (ReadOnlyMemory<T>)((MemoryManager<T>)target).Memory.Slice(start, length));
    }
}
