using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;

namespace MemoGen.Diagnostics;

/// <summary>
/// A per-function running total (misses, loads, bytes) kept without the meter: a call only adds to it, and the meter's
/// observable counter of the same name reads it when a listener asks. So no call waits for the meter to be created, and
/// no count is lost however late a listener comes.
/// </summary>
internal sealed class MemoTotal
{
    private readonly Lock _lock = new();

    // Replaced, never changed, under the lock, so that adding reads it without one: a process has a few functions.
    // Not a concurrent dictionary: a first disk hit would load System.Collections.Concurrent for it.
    private Dictionary<string, Count> _byFunction = new(StringComparer.Ordinal);

    /// <summary>A total published as <paramref name="name"/>.</summary>
    public MemoTotal(string name, string unit, string description)
    {
        Name = name;
        Unit = unit;
        Description = description;
    }

    /// <summary>The instrument's name, such as <c>memogen.misses</c>.</summary>
    public string Name { get; }

    /// <summary>The instrument's unit.</summary>
    public string Unit { get; }

    /// <summary>The instrument's description.</summary>
    public string Description { get; }

    /// <summary>Adds <paramref name="value"/> to the total of the function cached under <paramref name="function"/>.</summary>
    public void Add(string function, long value)
    {
        if (!Volatile.Read(ref _byFunction).TryGetValue(function, out Count? count))
        {
            count = CountOf(function);
        }

        Interlocked.Add(ref count.Value, value);
    }

    /// <summary>The totals, one measurement per function, tagged with its name.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        Dictionary<string, Count> byFunction = Volatile.Read(ref _byFunction);
        var measurements = new List<Measurement<long>>(byFunction.Count);
        foreach (KeyValuePair<string, Count> entry in byFunction)
        {
            measurements.Add(new Measurement<long>(Volatile.Read(ref entry.Value.Value), new KeyValuePair<string, object?>(MemoMetrics.FunctionTag, entry.Key)));
        }

        return measurements;
    }

    private Count CountOf(string function)
    {
        lock (_lock)
        {
            if (!_byFunction.TryGetValue(function, out Count? count))
            {
                count = new Count();
                Volatile.Write(ref _byFunction, new Dictionary<string, Count>(_byFunction, StringComparer.Ordinal) { [function] = count });
            }

            return count;
        }
    }

    // Not StrongBox<long>: ReadyToRun does not precompile that instantiation, so the first disk hit JIT-compiled it.
    private sealed class Count
    {
        public long Value;
    }
}
