using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;
using MemoGen.Infrastructure;

namespace MemoGen.Diagnostics;

/// <summary>
/// The counters MemoGen publishes through <see cref="System.Diagnostics.Metrics"/>, on the meter <c>"MemoGen"</c>. Every
/// measurement carries the tag <c>memogen.function</c> (the cache name).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>memogen.hits</c> (observable): calls answered from memory. Read from the tables' own counters when a
/// listener asks, so the hit path does not pay for it; a table's hits leave the sum when its context is collected.</item>
/// <item><c>memogen.misses</c>: lookups that ran the computation.</item>
/// <item><c>memogen.disk.loads</c>: lookups answered from the disk store.</item>
/// <item><c>memogen.disk.bytes_read</c>, <c>memogen.disk.bytes_written</c>: payload bytes moved (a mapped payload counts its header only).</item>
/// <item><c>memogen.compute.duration</c>: how long computations took, in seconds.</item>
/// </list>
/// </remarks>
internal static class MemoMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MemoGen";

    /// <summary>The tag that names the function.</summary>
    public const string FunctionTag = "memogen.function";

    private static readonly Meter s_meter = new(MeterName, typeof(MemoMetrics).Assembly.GetName().Version?.ToString());
    private static readonly Lock s_tablesLock = new();
    private static readonly List<RegisteredTable> s_tables = [];
    private static readonly Dictionary<string, long> s_retiredHits = new(StringComparer.Ordinal);
    private static int s_pruneAt = 64;
    private static long s_failures;

    /// <summary>Lookups that ran the computation.</summary>
    public static readonly Counter<long> Misses = s_meter.CreateCounter<long>("memogen.misses", "{call}", "Lookups that ran the computation.");

    /// <summary>Lookups answered from the disk store.</summary>
    public static readonly Counter<long> DiskLoads = s_meter.CreateCounter<long>("memogen.disk.loads", "{call}", "Lookups answered from the disk store.");

    /// <summary>Payload bytes read from the disk store.</summary>
    public static readonly Counter<long> BytesRead = s_meter.CreateCounter<long>("memogen.disk.bytes_read", "By", "Payload bytes read from the disk store.");

    /// <summary>Payload and metadata bytes written to the disk store.</summary>
    public static readonly Counter<long> BytesWritten = s_meter.CreateCounter<long>("memogen.disk.bytes_written", "By", "Bytes written to the disk store.");

    /// <summary>How long computations took.</summary>
    public static readonly Histogram<double> ComputeDuration = s_meter.CreateHistogram<double>("memogen.compute.duration", "s", "How long computations took.");

    /// <summary>Side effects (logging, metrics, storage) that failed and were contained: the calls went on.</summary>
    public static readonly Counter<long> SideEffectFailures = s_meter.CreateCounter<long>(
        "memogen.side_effect.failures", "{failure}", "Failures of logging, metrics or storage that the calls went on without.");

    /// <summary>The tag that says which side effect failed: <c>log</c>, <c>metrics</c>, <c>store</c>, <c>memory</c> or <c>shared</c>.</summary>
    public const string SideEffectTag = "memogen.side_effect";

    /// <summary>Adds to <paramref name="counter"/> for <paramref name="function"/>; a listener that throws is contained.</summary>
    public static void Add(Counter<long> counter, long value, MemoFunction function)
    {
        try
        {
            counter.Add(value, Tag(function));
        }
        catch (Exception)
        {
            CountFailure("metrics");
        }
    }

    /// <summary>Records into <paramref name="histogram"/> for <paramref name="function"/>; a listener that throws is contained.</summary>
    public static void Record(Histogram<double> histogram, double value, MemoFunction function)
    {
        try
        {
            histogram.Record(value, Tag(function));
        }
        catch (Exception)
        {
            CountFailure("metrics");
        }
    }

    /// <summary>Counts a contained failure of a side effect; never throws.</summary>
    public static void CountFailure(string sideEffect)
    {
        Interlocked.Increment(ref s_failures);
        try
        {
            SideEffectFailures.Add(1, new KeyValuePair<string, object?>(SideEffectTag, sideEffect));
        }
        catch (Exception)
        {
            // A listener of this very counter throws: the count above is all that can be kept.
        }
    }

    /// <summary>Contained side-effect failures in this process, for tests and for when the metrics listener itself fails.</summary>
    public static long Failures => Volatile.Read(ref s_failures);

    static MemoMetrics()
    {
        s_meter.CreateObservableCounter("memogen.hits", ObserveHits, "{call}", "Calls answered from memory.");
    }

    /// <summary>The tag of a measurement about <paramref name="function"/>.</summary>
    public static KeyValuePair<string, object?> Tag(MemoFunction function) => new(FunctionTag, function.Name);

    /// <summary>Makes a new table's hits observable.</summary>
    public static void Register(IMemoTable table)
    {
        lock (s_tablesLock)
        {
            if (s_tables.Count >= s_pruneAt)
            {
                RetireCollectedTables();
                s_pruneAt = Math.Max(64, s_tables.Count * 2);
            }

            s_tables.Add(new RegisteredTable(new WeakReference<IMemoTable>(table), table.Function.Name, table.Hits));
        }
    }

    /// <summary>
    /// Folds the hits of collected tables into their function's retired total, so that <c>memogen.hits</c> never goes
    /// down when a context is dropped. Called under the lock.
    /// </summary>
    private static void RetireCollectedTables() =>
        s_tables.RemoveAll(static registered =>
        {
            if (registered.Table.TryGetTarget(out _))
            {
                return false;
            }

            s_retiredHits[registered.Name] = s_retiredHits.GetValueOrDefault(registered.Name) + registered.Hits.Sum();
            return true;
        });

    private static IEnumerable<Measurement<long>> ObserveHits()
    {
        Dictionary<string, long> byName;
        lock (s_tablesLock)
        {
            RetireCollectedTables();
            byName = new Dictionary<string, long>(s_retiredHits, StringComparer.Ordinal);
            foreach (RegisteredTable registered in s_tables)
            {
                byName[registered.Name] = byName.GetValueOrDefault(registered.Name) + registered.Hits.Sum();
            }
        }

        var measurements = new List<Measurement<long>>(byName.Count);
        foreach (KeyValuePair<string, long> entry in byName)
        {
            measurements.Add(new Measurement<long>(entry.Value, new KeyValuePair<string, object?>(FunctionTag, entry.Key)));
        }

        return measurements;
    }

    /// <summary>A table whose hits are observed, and its counter, which outlives it until its count is retired.</summary>
    private sealed record RegisteredTable(WeakReference<IMemoTable> Table, string Name, MemoHitCounter Hits);
}
