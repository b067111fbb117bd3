using System.Collections.Concurrent;

namespace MemoGen.Disk;

/// <summary>
/// The <c>"lazy"</c> policy's memory: a weak handle per result written to disk, which gives the result back while it
/// has not been collected; once it has, the next call reloads it from disk.
/// </summary>
/// <remarks>
/// Keyed by the call's stable key hash, like the entries on disk, so that nothing here is compiled per key type. The
/// disk tier holds the base, which is not generic: only recalling and holding a result are typed.
/// </remarks>
internal abstract class WeakResults
{
    /// <summary>Whether <paramref name="key"/> has a live result.</summary>
    public abstract bool IsAlive(MemoHash128 key);

    /// <summary>Drops the handle of <paramref name="key"/>; returns whether there was one.</summary>
    public abstract bool Forget(MemoHash128 key);

    /// <summary>Drops every handle.</summary>
    public abstract void Clear();
}

/// <summary>The weak handles of the results of one type (see <see cref="WeakResults"/>).</summary>
internal sealed class WeakResults<TResult> : WeakResults
{
    private readonly ConcurrentDictionary<MemoHash128, WeakResult<TResult>> _handles = new();

    /// <summary>The live result of <paramref name="key"/>, if its handle has one; a dead handle is dropped.</summary>
    public bool TryRecall(MemoHash128 key, out TResult value)
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

    /// <inheritdoc />
    public override bool IsAlive(MemoHash128 key) => _handles.TryGetValue(key, out WeakResult<TResult>? weak) && weak.TryGet(out _);

    /// <summary>Keeps a weak handle on <paramref name="value"/> (nothing for a value type with no object to hold).</summary>
    public void Hold(MemoHash128 key, TResult value)
    {
        if (WeakResult<TResult>.Create(value) is { } weak)
        {
            _handles[key] = weak;
        }
    }

    /// <inheritdoc />
    public override bool Forget(MemoHash128 key) => _handles.TryRemove(key, out _);

    /// <inheritdoc />
    public override void Clear() => _handles.Clear();
}
