using System;
using System.IO;
using System.Linq;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using MemoGen.TestSupport;

namespace MemoGen.RuntimeTests.Disk;

public sealed record Network(string Name, double[] Weights);

/// <summary>A curifactory-style cacher that needs two files: the description, and the weights beside it.</summary>
public sealed class NetworkCacher : IMemoCacher<Network>
{
    public int Saves { get; private set; }

    public int Loads { get; private set; }

    public void Save(string path, Network value)
    {
        Saves++;
        File.WriteAllText(path, value.Name);
        File.WriteAllBytes(path + "_weights", value.Weights.SelectMany(BitConverter.GetBytes).ToArray());
    }

    public Network Load(string path)
    {
        Loads++;
        byte[] bytes = File.ReadAllBytes(path + "_weights");
        return new Network(File.ReadAllText(path), Enumerable.Range(0, bytes.Length / 8).Select(i => BitConverter.ToDouble(bytes, i * 8)).ToArray());
    }
}

/// <summary>Custom cachers: registered per function at run time, or given to the function (by generated code, from the attribute).</summary>
public sealed class CacherTests
{
    [Test]
    public void A_cacher_writes_its_own_files_and_reads_them_back()
    {
        using var store = new TempStore();
        var cacher = new NetworkCacher();
        var options = DiskTables.Options(store).UseCacher("net", cacher);
        var function = DiskTables.Function<Network>("net");
        var table = DiskTables.Fresh(function, options);
        DiskTables.Get(table, 1, new Counted<Network>(k => new Network("n" + k, [1.5, 2.5])));

        var again = new Counted<Network>(k => new Network("wrong", []));
        Network loaded = DiskTables.Get(DiskTables.Fresh(function, options), 1, again);

        Assert.That((again.Calls, cacher.Saves, cacher.Loads), Is.EqualTo((0, 1, 1)));
        Assert.That(loaded.Name, Is.EqualTo("n1"));
        Assert.That(loaded.Weights, Is.EqualTo(new[] { 1.5, 2.5 }));
        string metadata = File.ReadAllText(table.EntryPath(new NumberKey(1))!);
        Assert.That(metadata, Does.Contain("\"format\": \"cacher:net\"").And.Contain(".cacher_weights\""));
    }

    [Test]
    public void The_function_s_own_cacher_writes_and_reads_when_none_is_registered()
    {
        using var store = new TempStore();
        var cacher = new NetworkCacher();
        var options = DiskTables.Options(store);
        var function = new MemoFunction<NumberKey, Network>("own", "v1", [MemoTags.Disk], cacher);
        var table = DiskTables.Fresh(function, options);
        DiskTables.Get(table, 1, new Counted<Network>(k => new Network("n" + k, [0.5])));

        var again = new Counted<Network>(k => new Network("wrong", []));
        Network loaded = DiskTables.Get(DiskTables.Fresh(function, options), 1, again);

        Assert.That((again.Calls, cacher.Saves, cacher.Loads), Is.EqualTo((0, 1, 1)));
        Assert.That(loaded.Weights, Is.EqualTo(new[] { 0.5 }));
        Assert.That(File.ReadAllText(table.EntryPath(new NumberKey(1))!), Does.Contain("\"format\": \"cacher:own\""));
    }

    [Test]
    public void A_registered_cacher_takes_precedence_over_the_function_s_own()
    {
        using var store = new TempStore();
        var own = new NetworkCacher();
        var registered = new NetworkCacher();
        var options = DiskTables.Options(store).UseCacher("both", registered);
        var function = new MemoFunction<NumberKey, Network>("both", "v1", [MemoTags.Disk], own);
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<Network>(k => new Network("n", [])));
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<Network>(k => new Network("wrong", [])));

        Assert.That((registered.Saves, registered.Loads, own.Saves, own.Loads), Is.EqualTo((1, 1, 0, 0)));
    }

    [Test]
    public void A_damaged_cacher_file_is_caught_by_its_checksum_before_the_cacher_loads()
    {
        using var store = new TempStore();
        var logger = new ListLogger { MinimumLevel = LogLevel.Warning };
        var cacher = new NetworkCacher();
        var options = DiskTables.Options(store, logger: logger).UseCacher("net", cacher);
        var function = DiskTables.Function<Network>("net");
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<Network>(k => new Network("n", [1.5])));
        string weights = Directory.GetFiles(store.Root, "*.cacher_weights", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(weights, BitConverter.GetBytes(9.5));

        var again = new Counted<Network>(k => new Network("n", [1.5]));
        Assert.That(DiskTables.Get(DiskTables.Fresh(function, options), 1, again).Weights, Is.EqualTo(new[] { 1.5 }));

        Assert.That((again.Calls, cacher.Loads), Is.EqualTo((1, 0)));
        Assert.That(logger.Messages(LogLevel.Warning).Single(), Does.Contain("checksum"));
        Assert.That(File.Exists(weights), Is.False, "the bad entry's files are removed");
    }

    [Test]
    public void A_cacher_that_throws_keeps_the_value_in_memory()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store).UseCacher("broken", new ThrowingCacher());
        var table = DiskTables.Fresh(DiskTables.Function<Network>("broken"), options);

        Network value = DiskTables.Get(table, 1, new Counted<Network>(k => new Network("n", [])));

        Assert.That(value.Name, Is.EqualTo("n"));
        Assert.That(table.Statistics.Entries, Is.EqualTo(1));
        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Is.Empty, "what it wrote before failing is removed");
    }

    [Test]
    public void A_cacher_of_another_type_is_reported_when_the_function_is_first_used()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store).UseCacher("typed", new NetworkCacher());

        Assert.That(
            () => DiskTables.Fresh(DiskTables.Function<string>("typed"), options),
            Throws.InvalidOperationException.With.Message.Contains("IMemoCacher<System.String>"));
    }

    private sealed class ThrowingCacher : IMemoCacher<Network>
    {
        public void Save(string path, Network value)
        {
            File.WriteAllText(path, "partial");
            throw new InvalidOperationException("cannot save");
        }

        public Network Load(string path) => throw new InvalidOperationException("cannot load");
    }
}
