using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using MemoGen.RuntimeTests.Disk.Support;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

public readonly record struct Sample(int Id, double Value, bool Flag);

public readonly record struct Labelled(string Name, double Value);

public sealed record Measurement(string Name, double Peak, ImmutableArray<double> Bins, IReadOnlyDictionary<string, int> Counts);

/// <summary>Every payload kind, written by one context and read back by a fresh one (a later process, as far as memory goes).</summary>
public sealed class RoundTripTests
{
    [Test]
    public void A_double_array_round_trips()
    {
        (double[] written, double[] read) = RoundTrip(key => Enumerable.Range(0, 3000).Select(i => i * 0.5 + key).ToArray());
        Assert.That(read, Is.EqualTo(written));
    }

    [Test]
    public void An_array_of_several_checksum_blocks_round_trips()
    {
        (long[] written, long[] read) = RoundTrip(key => Enumerable.Range(0, 400_000).Select(i => (long)i * key).ToArray());
        Assert.That(read, Is.EqualTo(written));
    }

    [Test]
    public void An_empty_array_round_trips()
    {
        (int[] _, int[] read) = RoundTrip(_ => Array.Empty<int>());
        Assert.That(read, Is.Empty);
    }

    [Test]
    public void A_null_array_round_trips()
    {
        (double[]? _, double[]? read) = RoundTrip<double[]?>(_ => null);
        Assert.That(read, Is.Null);
    }

    [Test]
    public void Bool_and_char_arrays_round_trip()
    {
        Assert.That(RoundTrip(_ => new[] { true, false, true }).Read, Is.EqualTo(new[] { true, false, true }));
        Assert.That(RoundTrip(_ => "héllo".ToCharArray()).Read, Is.EqualTo("héllo".ToCharArray()));
    }

    [Test]
    public void An_array_of_unmanaged_structs_round_trips()
    {
        (Sample[] written, Sample[] read) = RoundTrip(key => new[] { new Sample(key, 0.5, true), new Sample(2, double.NaN, false) });
        Assert.That(read, Is.EqualTo(written));
    }

    [Test]
    public void An_immutable_array_round_trips()
    {
        (ImmutableArray<double> written, ImmutableArray<double> read) = RoundTrip(key => ImmutableArray.Create(1.0, 2.0, key));
        Assert.That(read, Is.EqualTo(written));
    }

    [Test]
    public void A_default_immutable_array_round_trips()
    {
        Assert.That(RoundTrip(_ => default(ImmutableArray<int>)).Read.IsDefault, Is.True);
    }

    [Test]
    public void A_read_only_memory_over_part_of_an_array_round_trips()
    {
        (ReadOnlyMemory<float> written, ReadOnlyMemory<float> read) =
            RoundTrip(key => new ReadOnlyMemory<float>([9f, 1f, 2f, key, 9f], 1, 3));
        Assert.That(read.ToArray(), Is.EqualTo(written.ToArray()));
        Assert.That(read.ToArray(), Is.EqualTo(new[] { 1f, 2f, 7f }));
    }

    [Test]
    public void Multi_dimensional_arrays_round_trip()
    {
        (double[,] written2, double[,] read2) = RoundTrip(key => new double[,] { { 1, 2, 3 }, { 4, 5, key } });
        Assert.That(read2, Is.EqualTo(written2));
        Assert.That((read2.GetLength(0), read2.GetLength(1)), Is.EqualTo((2, 3)));

        (int[,,] written3, int[,,] read3) = RoundTrip(_ =>
        {
            var cube = new int[2, 3, 4];
            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    for (int k = 0; k < 4; k++)
                    {
                        cube[i, j, k] = (100 * i) + (10 * j) + k;
                    }
                }
            }

            return cube;
        });
        Assert.That(read3, Is.EqualTo(written3));
        Assert.That(read3[1, 2, 3], Is.EqualTo(123));
    }

    [Test]
    public void A_multi_dimensional_array_keeps_its_lower_bounds()
    {
        (int[,] _, int[,] read) = RoundTrip(_ =>
        {
            var shifted = (int[,])Array.CreateInstance(typeof(int), [2, 2], [1, -3]);
            shifted[1, -3] = 5;
            shifted[2, -2] = 8;
            return shifted;
        });

        Assert.That((read.GetLowerBound(0), read.GetLowerBound(1)), Is.EqualTo((1, -3)));
        Assert.That((read[1, -3], read[2, -2]), Is.EqualTo((5, 8)));
    }

    [Test]
    public void A_record_round_trips_as_json()
    {
        (Measurement written, Measurement read) = RoundTrip(key => new Measurement(
            "m" + key, double.NaN, ImmutableArray.Create(1.5, 2.5), new Dictionary<string, int> { ["a"] = 1, ["b"] = key }));

        Assert.That(read.Name, Is.EqualTo(written.Name));
        Assert.That(read.Peak, Is.NaN);
        Assert.That(read.Bins, Is.EqualTo(written.Bins));
        Assert.That(read.Counts, Is.EquivalentTo(written.Counts));
    }

    [Test]
    public void Strings_lists_and_nulls_round_trip_as_json()
    {
        Assert.That(RoundTrip(key => "text " + key).Read, Is.EqualTo("text 7"));
        Assert.That(RoundTrip<IReadOnlyList<int>>(key => [1, 2, key]).Read, Is.EqualTo(new[] { 1, 2, 7 }));
        Assert.That(RoundTrip<Measurement?>(_ => null).Read, Is.Null);
        Assert.That(RoundTrip(key => (decimal)key / 3).Read, Is.EqualTo(7m / 3));
    }

    [Test]
    public void Value_type_results_pass_through_the_codecs_boxed_and_come_back_typed()
    {
        Assert.That(RoundTrip(key => new Labelled("l" + key, key * 0.5)).Read, Is.EqualTo(new Labelled("l7", 3.5)));
        Assert.That(RoundTrip<int?>(key => key).Read, Is.EqualTo(7));
        Assert.That(RoundTrip<int?>(_ => null).Read, Is.Null);
        Assert.That(RoundTrip(_ => ReadOnlyMemory<double>.Empty).Read.IsEmpty, Is.True);
        Assert.That(RoundTrip(key => ImmutableArray.Create(key, 2 * key)).Read, Is.EqualTo(ImmutableArray.Create(7, 14)));
    }

    [Test]
    public void A_small_json_payload_is_held_readably_in_the_metadata_file()
    {
        using var store = new TempStore();
        var function = DiskTables.Function<Measurement>();
        var table = DiskTables.Fresh(function, DiskTables.Options(store));
        DiskTables.Get(table, 1, new Counted<Measurement>(_ => new Measurement("readable", 2.0, [1.0], new Dictionary<string, int>())));

        Assert.That(Directory.GetFiles(store.Root, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1), "one file");
        string metadata = File.ReadAllText(table.EntryPath(new NumberKey(1))!);
        Assert.That(metadata, Does.Contain("\"inline\": {").And.Contain("\"Name\": \"readable\""));
    }

    [Test]
    public void A_large_json_payload_is_a_file_readable_by_a_person()
    {
        using var store = new TempStore();
        var function = DiskTables.Function<Measurement>();
        (Measurement written, Measurement read) = RoundTrip(key => new Measurement(
            "large", key, [.. Enumerable.Range(0, 2000).Select(i => i * 0.5)], new Dictionary<string, int>()));
        Assert.That(read.Bins, Is.EqualTo(written.Bins));

        DiskTables.Get(DiskTables.Fresh(function, DiskTables.Options(store)), 1, new Counted<Measurement>(_ => written));
        string payload = File.ReadAllText(Directory.GetFiles(store.Root, "*.json", SearchOption.AllDirectories).Single(p => !p.EndsWith(".meta.json", StringComparison.Ordinal)));
        Assert.That(payload, Does.Contain("\"Name\": \"large\""));
    }

    [Test]
    public async System.Threading.Tasks.Task An_async_lookup_loads_from_disk_too()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<ImmutableArray<int>>();
        var key = new NumberKey(3);
        int calls = 0;
        Func<int, System.Threading.CancellationToken, System.Threading.Tasks.ValueTask<ImmutableArray<int>>> compute =
            (n, _) => { calls++; return new(ImmutableArray.Create(n, n)); };

        await DiskTables.Fresh(function, options).GetOrComputeAsync(in key, 3, compute, default).AsTask().WaitAsync(TestTables.HangGuard);
        var table = DiskTables.Fresh(function, options);
        ImmutableArray<int> read = await table.GetOrComputeTaskAsync(in key, 3, compute, default).WaitAsync(TestTables.HangGuard);

        Assert.That(read, Is.EqualTo(new[] { 3, 3 }));
        Assert.That(calls, Is.EqualTo(1));
        Assert.That(table.Statistics.DiskLoads, Is.EqualTo(1));
    }

    /// <summary>Computes key 7 in one context, then looks it up in a fresh one, which must load it from disk.</summary>
    private static (TResult Written, TResult Read) RoundTrip<TResult>(Func<int, TResult> make)
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<TResult>();
        var first = new Counted<TResult>(make);
        TResult written = DiskTables.Get(DiskTables.Fresh(function, options), 7, first);

        var second = new Counted<TResult>(make);
        var table = DiskTables.Fresh(function, options);
        TResult read = DiskTables.Get(table, 7, second);

        Assert.That((first.Calls, second.Calls), Is.EqualTo((1, 0)), "computed once, then loaded from disk");
        Assert.That((table.Statistics.DiskLoads, table.Statistics.Misses), Is.EqualTo((1L, 0L)));
        return (written, read);
    }
}
