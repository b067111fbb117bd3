using System;
using System.Collections.Generic;
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

    /// <summary>Keeps a mapped payload's <paramref name="view"/> until <see cref="Dispose"/>.</summary>
    public void Retain(MemoMappedView view)
    {
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
}
