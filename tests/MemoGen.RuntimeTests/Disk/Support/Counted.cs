using System;
using System.Threading;

namespace MemoGen.RuntimeTests.Disk.Support;

/// <summary>A computation that counts its calls.</summary>
internal sealed class Counted<TResult>(Func<int, TResult> compute)
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public TResult Invoke(int key)
    {
        Interlocked.Increment(ref _calls);
        return compute(key);
    }
}
