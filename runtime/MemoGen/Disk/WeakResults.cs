using System.Collections.Concurrent;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// The <c>"lazy"</c> policy's memory: a weak handle per result written to disk, which gives the result back while it
/// has not been collected; once it has, the next call reloads it from disk.
/// </summary>
internal sealed class WeakResults<TKey, TResult>
    where TKey : struct, IMemoKey<TKey>
{
    private readonly ConcurrentDictionary<TKey, WeakResult<TResult>> _handles = new();

    /// <summary>The live result of <paramref name="key"/>, if its handle has one; a dead handle is dropped.</summary>
    public bool TryRecall(in TKey key, out TResult value)
    {
        if (_handles.TryGetValue(key, out WeakResult<TResult>? weak))
        {
            if (weak.TryGet(out value))
            {
                return true;
            }

            _handles.TryRemove(new(key, weak));
        }

        value = default!;
        return false;
    }

    /// <summary>Whether <paramref name="key"/> has a live result.</summary>
    public bool IsAlive(in TKey key) => _handles.TryGetValue(key, out WeakResult<TResult>? weak) && weak.TryGet(out _);

    /// <summary>Keeps a weak handle on <paramref name="value"/> (nothing for a value type with no object to hold).</summary>
    public void Hold(in TKey key, TResult value)
    {
        if (WeakResult<TResult>.Create(value) is { } weak)
        {
            _handles[key] = weak;
        }
    }

    /// <summary>Drops the handle of <paramref name="key"/>; returns whether there was one.</summary>
    public bool Forget(in TKey key) => _handles.TryRemove(key, out _);

    /// <summary>Drops every handle.</summary>
    public void Clear() => _handles.Clear();
}
