using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>Debug logging of computed, missed and loaded calls; counters on the "MemoGen" meter.</summary>
public sealed class TracingTests
{
    [Test]
    public void Debug_logging_tells_what_was_missed_computed_written_and_loaded()
    {
        using var store = new TempStore();
        var logger = new ListLogger();
        var options = DiskTables.Options(store, logger: logger);
        var function = DiskTables.Function<int[]>("traced");
        DiskTables.Get(DiskTables.Fresh(function, options), 4, new Counted<int[]>(k => [k]));
        DiskTables.Get(DiskTables.Fresh(function, options), 4, new Counted<int[]>(k => [k]));

        string[] debug = logger.Messages(LogLevel.Debug).ToArray();
        Assert.That(debug, Has.Length.EqualTo(4));
        Assert.That(debug[0], Does.StartWith("traced missed: traced(n=4) (not on disk)"));
        Assert.That(debug[1], Does.Match(@"^traced computed traced\(n=4\) in \d+\.\d{3} ms$"));
        Assert.That(debug[2], Does.StartWith("traced wrote ").And.Contain(".meta.json"));
        Assert.That(debug[3], Does.StartWith("traced loaded traced(n=4) from ").And.Contain("bytes read"));
    }

    [Test]
    public void Nothing_is_described_unless_debug_is_on()
    {
        using var store = new TempStore();
        var quiet = new ListLogger { MinimumLevel = LogLevel.Information };
        var options = DiskTables.Options(store, logger: quiet);
        var disk = DiskTables.Function<int[]>("described");
        DiskTables.Get(DiskTables.Fresh(disk, options), 1, new Counted<int[]>(k => [k]));
        var memoryOnly = new MemoFunction<NumberKey, int>("memory_only_traced", "v", []).TableIn(new MemoContext(options));
        int before = NumberKey.DescribeCount;

        DiskTables.Get(DiskTables.Fresh(disk, options), 1, new Counted<int[]>(k => [k]));
        DiskTables.Get(memoryOnly, 1, new Counted<int>(k => k));
        DiskTables.Get(DiskTables.Fresh(disk, options), 2, new Counted<int[]>(k => [k]));

        Assert.That(NumberKey.DescribeCount - before, Is.EqualTo(1), "only the metadata of the one write describes its call");
        Assert.That(quiet.Entries, Is.Empty);
    }

    [Test]
    public void The_logger_is_created_when_there_is_something_to_log_not_with_the_table()
    {
        using var store = new TempStore();
        var factory = new CountingLoggerFactory(new ListLogger());
        var options = DiskTables.Options(store);
        options.LoggerFactory = factory;
        var table = DiskTables.Fresh(DiskTables.Function<int[]>("lazily_logged"), options);
        Assert.That(factory.Created, Is.Zero, "a table alone creates no logger");

        DiskTables.Get(table, 1, new Counted<int[]>(k => [k]));
        DiskTables.Get(table, 2, new Counted<int[]>(k => [k]));
        Assert.That(factory.Created, Is.EqualTo(1), "created on the first check of a level, then kept");

        DiskTables.Get(DiskTables.Fresh(DiskTables.Function<int[]>("lazily_logged"), options), 1, new Counted<int[]>(k => [k]));
        Assert.That(factory.Created, Is.EqualTo(2), "one logger per context");
    }

    [Test]
    public void The_meter_counts_misses_loads_bytes_compute_time_and_hits()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<double[]>("metered");
        var measurements = new ConcurrentQueue<(string Instrument, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "MemoGen")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(measurements, instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(measurements, instrument, value, tags));
        listener.Start();

        var first = DiskTables.Fresh(function, options);
        DiskTables.Get(first, 1, new Counted<double[]>(_ => new double[1000]));
        DiskTables.Get(first, 1, new Counted<double[]>(_ => new double[1000]));
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<double[]>(_ => new double[1000]));
        listener.RecordObservableInstruments();

        ILookup<string, double> byName = measurements.ToLookup(m => m.Instrument, m => m.Value);
        Assert.That(byName["memogen.misses"].Sum(), Is.EqualTo(1));
        Assert.That(byName["memogen.disk.loads"].Sum(), Is.EqualTo(1));
        Assert.That(byName["memogen.compute.duration"].Count(), Is.EqualTo(1));
        Assert.That(byName["memogen.disk.bytes_written"].Sum(), Is.GreaterThan(8000));
        Assert.That(byName["memogen.disk.bytes_read"].Sum(), Is.GreaterThan(8000));
        Assert.That(byName["memogen.hits"].Sum(), Is.EqualTo(1), "the memory hit in the first context");
        GC.KeepAlive(first);
    }

    private static void Record(ConcurrentQueue<(string, double)> measurements, Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "memogen.function" && Equals(tag.Value, "metered"))
            {
                measurements.Enqueue((instrument.Name, value));
            }
        }
    }

    /// <summary>Counts the loggers it is asked for.</summary>
    private sealed class CountingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        public int Created { get; private set; }

        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return inner.CreateLogger(categoryName);
        }

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }
}
