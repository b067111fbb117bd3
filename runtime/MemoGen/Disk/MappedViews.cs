using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;

namespace MemoGen.Disk;

/// <summary>
/// The memory-mapped results a context handed out, kept mapped until the context is disposed: a caller may hold only
/// a <see cref="Span{T}"/> of one, which keeps nothing alive, so neither a collection nor an invalidation, a clear or
/// an eviction may unmap it.
/// </summary>
internal sealed class MappedViews : IDisposable
{
    private readonly Lock _lock = new();
    private List<IDisposable> _views = [];

    /// <summary>Keeps the mapping of <paramref name="value"/>, if it is a mapped <see cref="ReadOnlyMemory{T}"/>, until <see cref="Dispose"/>.</summary>
    public void Retain<TResult>(TResult value)
    {
        if (Owner<TResult>.Of(value) is not { } view)
        {
            return;
        }

        lock (_lock)
        {
            _views.Add(view);
        }
    }

    /// <summary>Unmaps every view retained so far; no span or memory of them may be used afterwards. Views retained later are kept until the next call.</summary>
    public void Dispose()
    {
        List<IDisposable> views;
        lock (_lock)
        {
            views = _views;
            _views = [];
        }

        foreach (IDisposable view in views)
        {
            view.Dispose();
        }
    }

    /// <summary>Finds the mapped view behind a result, for result types that can be mapped.</summary>
    private static class Owner<TResult>
    {
        private static readonly Func<TResult, IDisposable?>? s_find = Choose();

        public static IDisposable? Of(TResult value) => s_find?.Invoke(value);

        private static Func<TResult, IDisposable?>? Choose()
        {
            Type type = typeof(TResult);
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(ReadOnlyMemory<>))
            {
                return null;
            }

            Type element = type.GetGenericArguments()[0];
            if (!element.IsValueType)
            {
                return null;
            }

            try
            {
                return (Func<TResult, IDisposable?>)typeof(Owner<TResult>)
                    .GetMethod(nameof(ViewOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(element)
                    .CreateDelegate(typeof(Func<TResult, IDisposable?>));
            }
            catch (ArgumentException)
            {
                // Not an unmanaged element type: such memories are never mapped.
                return null;
            }
        }

        private static IDisposable? ViewOf<T>(TResult value)
            where T : unmanaged =>
            MemoryMarshal.TryGetMemoryManager((ReadOnlyMemory<T>)(object)value!, out MemoryManager<T>? manager) && manager is MappedMemoryManager<T> mapped
                ? mapped.View
                : null;
    }
}
