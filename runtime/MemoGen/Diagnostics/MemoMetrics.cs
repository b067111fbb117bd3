using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Runtime.CompilerServices;
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
/// <item><c>memogen.misses</c> (observable): lookups that ran the computation.</item>
/// <item><c>memogen.disk.loads</c> (observable): lookups answered from the disk store.</item>
/// <item><c>memogen.disk.bytes_read</c>, <c>memogen.disk.bytes_written</c> (observable): payload bytes moved (a mapped payload counts its header only).</item>
/// <item><c>memogen.compute.duration</c>: how long computations took, in seconds.</item>
/// </list>
/// The observable counters are running totals that calls add to without the meter; the meter itself is created on the
/// thread pool a second after the first table or the first context with a cache folder (or by the first computation), so
/// that a first call, such as a first disk hit in a fresh process, neither waits for it nor shares the processors with it.
/// </remarks>
internal static class MemoMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MemoGen";

    /// <summary>The tag that names the function.</summary>
    public const string FunctionTag = "memogen.function";

    private static readonly Lock s_tablesLock = new();
    private static readonly List<RegisteredTable> s_tables = [];
    private static int s_pruneAt = 64;
    private static int s_meterQueued;
    private static Timer? s_meterTimer;
    private static long s_failures;

    /// <summary>Lookups that ran the computation.</summary>
    public static readonly MemoTotal Misses = new("memogen.misses", "{call}", "Lookups that ran the computation.");

    /// <summary>Lookups answered from the disk store.</summary>
    public static readonly MemoTotal DiskLoads = new("memogen.disk.loads", "{call}", "Lookups answered from the disk store.");

    /// <summary>Payload bytes read from the disk store.</summary>
    public static readonly MemoTotal BytesRead = new("memogen.disk.bytes_read", "By", "Payload bytes read from the disk store.");

    /// <summary>Payload and metadata bytes written to the disk store.</summary>
    public static readonly MemoTotal BytesWritten = new("memogen.disk.bytes_written", "By", "Bytes written to the disk store.");

    /// <summary>The tag that says which side effect failed: <c>log</c>, <c>metrics</c>, <c>store</c>, <c>memory</c> or <c>shared</c>.</summary>
    public const string SideEffectTag = "memogen.side_effect";

    /// <summary>Adds to <paramref name="total"/> for <paramref name="function"/>: no listener runs on the caller's thread.</summary>
    public static void Add(MemoTotal total, long value, MemoFunction function) => total.Add(function.Name, value);

    /// <summary>How long computations took (creates the meter, if the thread pool has not yet).</summary>
    public static Histogram<double> ComputeDuration => Instruments.ComputeDuration;

    /// <summary>Side effects (logging, metrics, storage) that failed and were contained: the calls went on.</summary>
    public static Counter<long> SideEffectFailures => Instruments.SideEffectFailures;

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
        CountFailureWithoutMeter();
        try
        {
            Instruments.SideEffectFailures.Add(1, new KeyValuePair<string, object?>(SideEffectTag, sideEffect));
        }
        catch (Exception)
        {
            // A listener of this very counter throws: the count above is all that can be kept.
        }
    }

    private static void CountFailureWithoutMeter() => Interlocked.Increment(ref s_failures);

    /// <summary>Contained side-effect failures in this process, for tests and for when the metrics listener itself fails.</summary>
    public static long Failures => Volatile.Read(ref s_failures);

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

        QueueMeter();
    }

    /// <summary>
    /// Has the meter created later and off the caller's thread, once per process: creating it (and starting the thread
    /// pool for it) costs tens of milliseconds of processor time, which a first call should not share. A context with
    /// a disk store queues it from its warm-up thread (<see cref="Disk.DiskWarmUp"/>), so that its first call does not
    /// even pay for the timer.
    /// </summary>
    public static void QueueMeter()
    {
        // The field roots the timer until it fires.
        if (Interlocked.Exchange(ref s_meterQueued, 1) == 0)
        {
            s_meterTimer = new Timer(static _ => CreateMeter(), null, MeterDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>How long after the first table the meter is created, unless a computation creates it first.</summary>
    private static readonly TimeSpan MeterDelay = TimeSpan.FromSeconds(1);

    private static void CreateMeter()
    {
        try
        {
            RuntimeHelpers.RunClassConstructor(typeof(Instruments).TypeHandle);
        }
        catch (Exception)
        {
            CountFailureWithoutMeter();
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

            HitTotals.Retired[registered.Name] = HitTotals.Retired.GetValueOrDefault(registered.Name) + registered.Hits.Sum();
            return true;
        });

    private static IEnumerable<Measurement<long>> ObserveHits()
    {
        var measurements = new List<Measurement<long>>();
        lock (s_tablesLock)
        {
            RetireCollectedTables();
            var byName = new Dictionary<string, long>(HitTotals.Retired, StringComparer.Ordinal);
            foreach (RegisteredTable registered in s_tables)
            {
                byName[registered.Name] = byName.GetValueOrDefault(registered.Name) + registered.Hits.Sum();
            }

            foreach (KeyValuePair<string, long> entry in byName)
            {
                long reported = Math.Max(entry.Value, HitTotals.Reported.GetValueOrDefault(entry.Key));
                HitTotals.Reported[entry.Key] = reported;
                measurements.Add(new Measurement<long>(reported, new KeyValuePair<string, object?>(FunctionTag, entry.Key)));
            }
        }

        return measurements;
    }

    /// <summary>
    /// The hit totals kept per function name, apart from the class's other state so that registering a first table does
    /// not create them. Used under the lock.
    /// </summary>
    private static class HitTotals
    {
        /// <summary>The hits of collected tables.</summary>
        public static readonly Dictionary<string, long> Retired = new(StringComparer.Ordinal);

        /// <summary>
        /// The last total reported per function. A lookup counts its hit before it knows and takes it back on a miss, so
        /// a sum taken in between can be one high for a moment; reporting the high-water mark keeps the counter monotonic.
        /// </summary>
        public static readonly Dictionary<string, long> Reported = new(StringComparer.Ordinal);
    }

    /// <summary>A table whose hits are observed, and its counter, which outlives it until its count is retired.</summary>
    private sealed record RegisteredTable(WeakReference<IMemoTable> Table, string Name, MemoHitCounter Hits);

    /// <summary>
    /// The meter and its instruments, created on first use (on the thread pool after the first table, or by the first
    /// computation's duration or contained failure). Its observable counters read the totals counted so far.
    /// </summary>
    private static class Instruments
    {
        public static readonly Meter Meter = CreateMeterWithObservables();

        /// <summary>How long computations took.</summary>
        public static readonly Histogram<double> ComputeDuration = Meter.CreateHistogram<double>("memogen.compute.duration", "s", "How long computations took.");

        /// <summary>Side effects (logging, metrics, storage) that failed and were contained: the calls went on.</summary>
        public static readonly Counter<long> SideEffectFailures = Meter.CreateCounter<long>(
            "memogen.side_effect.failures", "{failure}", "Failures of logging, metrics or storage that the calls went on without.");

        private static Meter CreateMeterWithObservables()
        {
            // The version from the attribute, not Assembly.GetName(), whose culture would load ICU for nothing.
            var meter = new Meter(MeterName, typeof(MemoMetrics).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version);
            meter.CreateObservableCounter("memogen.hits", ObserveHits, "{call}", "Calls answered from memory.");
            foreach (MemoTotal total in new[] { Misses, DiskLoads, BytesRead, BytesWritten })
            {
                meter.CreateObservableCounter(total.Name, total.Observe, total.Unit, total.Description);
            }

            return meter;
        }
    }
}
