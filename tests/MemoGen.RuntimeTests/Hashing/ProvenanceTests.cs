using System;
using System.Buffers.Binary;
using MemoGen.Hashing;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Hashing;

/// <summary>Provenance (docs/key-hash.md): a memoized result passed whole into a key writes its producer's identity.</summary>
[NonParallelizable]
public sealed class ProvenanceTests
{
    [SetUp]
    public void Forget() => MemoProvenance.Clear();

    [Test]
    public void Identity_is_pinned()
    {
        MemoHash128 identity = MemoProvenance.IdentityOf("make", "v1", new MemoHash128(0x0123456789abcdefUL, 0xfedcba9876543210UL));

        var expected = new MemoHasher();
        expected.Write("make");
        expected.Write("v1");
        expected.Write(new MemoHash128(0x0123456789abcdefUL, 0xfedcba9876543210UL));
        Assert.That(identity, Is.EqualTo(expected.Finish()));
        Assert.That(identity.ToString(), Is.EqualTo("41cbea9b6e61f8de5964371a5a20584f"));
    }

    [Test]
    public void A_computed_result_enters_a_key_as_its_identity()
    {
        using var store = new TempStore();
        var function = DiskTables.Function<double[]>("make", "v1");
        double[] result = DiskTables.Get(DiskTables.Fresh(function, DiskTables.Options(store)), 7, new Counted<double[]>(Make));

        MemoHash128 identity = MemoProvenance.IdentityOf("make", "v1", MemoKeyHash.Of(new NumberKey(7)));
        Assert.That(MemoHasher.HashArray<double>(result), Is.EqualTo(HashOfBytes(ProducedEncoding(0x0c, result.Length, identity))));
    }

    [Test]
    public void A_result_loaded_in_a_fresh_context_has_the_identity_of_the_computed_one()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<double[]>("make", "v1");
        MemoHash128 computed = MemoHasher.HashArray<double>(DiskTables.Get(DiskTables.Fresh(function, options), 7, new Counted<double[]>(Make)));

        var again = new Counted<double[]>(Make);
        double[] loaded = DiskTables.Get(DiskTables.Fresh(function, options), 7, again);

        Assert.That(again.Calls, Is.Zero, "loaded from disk");
        Assert.That(MemoHasher.HashArray<double>(loaded), Is.EqualTo(computed));
    }

    [Test]
    public void A_memory_or_an_immutable_array_loaded_in_a_fresh_context_keeps_the_identity()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var memory = DiskTables.Function<ReadOnlyMemory<double>>("memory", "v1");
        var immutable = DiskTables.Function<System.Collections.Immutable.ImmutableArray<double>>("immutable", "v1");
        MemoHash128 computedMemory = MemoHasher.HashArray<double>(
            DiskTables.Get(DiskTables.Fresh(memory, options), 7, new Counted<ReadOnlyMemory<double>>(key => Make(key))).Span);
        MemoHash128 computedImmutable = MemoHasher.HashArray<double>(
            DiskTables.Get(DiskTables.Fresh(immutable, options), 7, new Counted<System.Collections.Immutable.ImmutableArray<double>>(key => [.. Make(key)])).AsSpan());

        var againMemory = new Counted<ReadOnlyMemory<double>>(key => Make(key));
        var againImmutable = new Counted<System.Collections.Immutable.ImmutableArray<double>>(key => [.. Make(key)]);
        ReadOnlyMemory<double> loadedMemory = DiskTables.Get(DiskTables.Fresh(memory, options), 7, againMemory);
        System.Collections.Immutable.ImmutableArray<double> loadedImmutable = DiskTables.Get(DiskTables.Fresh(immutable, options), 7, againImmutable);

        Assert.Multiple(() =>
        {
            Assert.That(againMemory.Calls + againImmutable.Calls, Is.Zero, "loaded from disk");
            Assert.That(MemoHasher.HashArray<double>(loadedMemory.Span), Is.EqualTo(computedMemory));
            Assert.That(MemoHasher.HashArray<double>(loadedImmutable.AsSpan()), Is.EqualTo(computedImmutable));
            Assert.That(computedMemory, Is.Not.EqualTo(MemoHasher.HashArray<double>(loadedMemory.ToArray())), "by identity, not content");
            Assert.That(computedImmutable, Is.Not.EqualTo(computedMemory), "each its producer's identity");
        });
    }

    [Test]
    public void A_change_of_the_producers_code_changes_the_downstream_key()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        double[] first = DiskTables.Get(DiskTables.Fresh(DiskTables.Function<double[]>("make", "v1"), options), 7, new Counted<double[]>(Make));
        double[] second = DiskTables.Get(DiskTables.Fresh(DiskTables.Function<double[]>("make", "v2"), options), 7, new Counted<double[]>(Make));

        Assert.That(second, Is.EqualTo(first), "the same data");
        Assert.That(MemoHasher.HashArray<double>(second), Is.Not.EqualTo(MemoHasher.HashArray<double>(first)));
    }

    [Test]
    public void Identical_data_from_elsewhere_and_parts_of_a_result_hash_by_content()
    {
        using var store = new TempStore();
        double[] result = DiskTables.Get(
            DiskTables.Fresh(DiskTables.Function<double[]>("make", "v1"), DiskTables.Options(store)), 7, new Counted<double[]>(Make));
        double[] copy = (double[])result.Clone();

        MemoHash128 byContent = MemoHasher.HashArray<double>(copy);
        Assert.Multiple(() =>
        {
            Assert.That(MemoHasher.HashArray<double>(result), Is.Not.EqualTo(byContent), "the result itself carries its identity");
            Assert.That(MemoHasher.HashArray<long>(System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(result)),
                Is.EqualTo(MemoHasher.HashArray<long>(System.Runtime.InteropServices.MemoryMarshal.Cast<double, long>(copy))), "another element type");
            Assert.That(MemoHasher.HashArray<double>(result.AsSpan(0, 2)), Is.EqualTo(MemoHasher.HashArray<double>(copy.AsSpan(0, 2))), "a prefix");
            Assert.That(MemoHasher.HashArray<double>(result.AsSpan(1)), Is.EqualTo(MemoHasher.HashArray<double>(copy.AsSpan(1))), "a suffix");
        });
    }

    /// <summary>128 KB: on the large object heap, where a result does not move and keeps its identity.</summary>
    private static double[] Make(int key)
    {
        var result = new double[16_384];
        result.AsSpan().Fill(0.5);
        result[0] = key;
        return result;
    }

    [Test]
    public void A_result_keeps_its_identity_across_compacting_collections()
    {
        using var store = new TempStore();
        var function = DiskTables.Function<double[]>("make", "v1");
        double[] result = DiskTables.Get(DiskTables.Fresh(function, DiskTables.Options(store)), 7, new Counted<double[]>(Make));
        MemoHash128 before = MemoHasher.HashArray<double>(result);

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

        Assert.That(MemoHasher.HashArray<double>(result), Is.EqualTo(before));
        Assert.That(before, Is.Not.EqualTo(MemoHasher.HashArray<double>((double[])result.Clone())), "by identity, not content");
    }

    [Test]
    public void A_result_small_enough_to_move_hashes_by_content()
    {
        using var store = new TempStore();
        double[] result = DiskTables.Get(
            DiskTables.Fresh(DiskTables.Function<double[]>("small", "v1"), DiskTables.Options(store)), 7, new Counted<double[]>(key => [key, 0.5, 1.5]));

        Assert.That(MemoHasher.HashArray<double>(result), Is.EqualTo(MemoHasher.HashArray<double>((double[])result.Clone())));
    }

    private static byte[] ProducedEncoding(byte elementTag, int count, MemoHash128 identity)
    {
        var bytes = new byte[26];
        bytes[0] = 0x22;
        bytes[1] = elementTag;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(2), (ulong)count);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(10), identity.High);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(18), identity.Low);
        return bytes;
    }

    private static MemoHash128 HashOfBytes(byte[] bytes) => StreamHash.Of(bytes);
}
