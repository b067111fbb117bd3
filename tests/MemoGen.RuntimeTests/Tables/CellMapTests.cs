using System;
using System.Linq;
using System.Threading;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Tables;

/// <summary>The open-addressing map of a table's cells: lookups, tombstones, rebuilds, and readers racing writers.</summary>
public sealed class CellMapTests
{
    [Test]
    public void A_key_finds_its_own_cell_and_no_other()
    {
        var map = new MemoCellMap<IntKey, int>();
        var one = Cell(1);
        var two = Cell(2);

        Assert.That(map.Slots.TryAdd(one), Is.True);
        Assert.That(map.Slots.TryAdd(two), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(map.Find(new IntKey(1)), Is.SameAs(one));
            Assert.That(map.Find(new IntKey(2)), Is.SameAs(two));
            Assert.That(map.Find(new IntKey(3)), Is.Null);
            Assert.That(map.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_second_cell_of_a_key_is_refused_unless_it_replaces_the_first()
    {
        var map = new MemoCellMap<IntKey, int>();
        var first = Cell(7);
        var second = Cell(7);
        map.Slots.TryAdd(first);

        Assert.That(map.Slots.TryAdd(second), Is.False);
        Assert.That(map.Slots.Replace(second), Is.SameAs(first));
        Assert.That(map.Find(new IntKey(7)), Is.SameAs(second));
        Assert.That(map.Count, Is.EqualTo(1));
    }

    [Test]
    public void Removing_a_cell_by_identity_leaves_a_newer_cell_of_its_key()
    {
        var map = new MemoCellMap<IntKey, int>();
        var old = Cell(4);
        var newer = Cell(4);
        map.Slots.TryAdd(old);
        map.Slots.Replace(newer);

        Assert.That(map.Slots.Remove(old), Is.False);
        Assert.That(map.Find(new IntKey(4)), Is.SameAs(newer));
        Assert.That(map.Slots.Remove(newer), Is.True);
        Assert.That(map.Find(new IntKey(4)), Is.Null);
        Assert.That(map.Count, Is.Zero);
    }

    [Test]
    public void Keys_placed_after_a_removed_key_stay_reachable()
    {
        // Every key has one hash code, so all probe the same run of slots: removing one in the middle must not cut it.
        var map = new MemoCellMap<CollidingKey, int>();
        for (int i = 0; i < 6; i++)
        {
            map.Slots.TryAdd(new MemoCell<CollidingKey, int>(new CollidingKey(i), i, 0, 0));
        }

        Assert.That(map.Remove(new CollidingKey(2)), Is.Not.Null);

        Assert.Multiple(() =>
        {
            Assert.That(map.Find(new CollidingKey(2)), Is.Null);
            foreach (int i in new[] { 0, 1, 3, 4, 5 })
            {
                Assert.That(map.Find(new CollidingKey(i))?.Value, Is.EqualTo(i), $"key {i}");
            }
        });
    }

    [Test]
    public void A_removed_key_can_be_added_again()
    {
        var map = new MemoCellMap<CollidingKey, int>();
        for (int i = 0; i < 3; i++)
        {
            map.Slots.TryAdd(new MemoCell<CollidingKey, int>(new CollidingKey(i), i, 0, 0));
        }

        map.Remove(new CollidingKey(0));
        var again = new MemoCell<CollidingKey, int>(new CollidingKey(0), 100, 0, 0);

        Assert.That(map.Slots.TryAdd(again), Is.True);
        Assert.That(map.Find(new CollidingKey(0)), Is.SameAs(again));
        Assert.That(map.Snapshot().Count(c => c.Key.Value == 0), Is.EqualTo(1));
    }

    [Test]
    public void The_default_key_is_never_mistaken_for_a_tombstone()
    {
        // A tombstone holds the default key; lookups skip it because its hash code is not that key's.
        var map = new MemoCellMap<IntKey, int>();
        map.Slots.TryAdd(Cell(0));
        map.Remove(new IntKey(0));

        Assert.That(map.Find(default), Is.Null);
        var again = Cell(0);
        Assert.That(map.Slots.TryAdd(again), Is.True);
        Assert.That(map.Find(default), Is.SameAs(again));
    }

    [Test]
    public void Growing_and_churning_keeps_every_live_key_and_lists_each_once()
    {
        var map = new MemoCellMap<IntKey, int>();
        for (int i = 0; i < 10_000; i++)
        {
            map.Slots.TryAdd(Cell(i));
        }

        for (int i = 0; i < 10_000; i += 2)
        {
            map.Remove(new IntKey(i));
        }

        for (int i = 10_000; i < 15_000; i++)
        {
            map.Slots.TryAdd(Cell(i));
        }

        var listed = map.Snapshot().Select(c => c.Key.Value).ToList();
        var expected = Enumerable.Range(0, 15_000).Where(i => i >= 10_000 || i % 2 == 1).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(map.Count, Is.EqualTo(expected.Count));
            Assert.That(listed, Is.EquivalentTo(expected));
            Assert.That(expected.All(i => map.Find(new IntKey(i))?.Value == i), Is.True);
            Assert.That(Enumerable.Range(0, 10_000).Where(i => i % 2 == 0).Any(i => map.Find(new IntKey(i)) is not null), Is.False);
        });
    }

    [Test]
    public void Readers_never_miss_a_key_that_stays_while_a_writer_churns_and_rebuilds()
    {
        var map = new MemoCellMap<IntKey, int>();
        const int stable = 64;
        for (int i = 0; i < stable; i++)
        {
            map.Slots.TryAdd(Cell(i));
        }

        int misses = 0;
        int wrong = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(seed => new Thread(() =>
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                int key = random.Next(stable);
                switch (map.Find(new IntKey(key)))
                {
                    case null:
                        Interlocked.Increment(ref misses);
                        break;
                    case { Value: var value } when value != key:
                        Interlocked.Increment(ref wrong);
                        break;
                }
            }
        })).ToList();
        readers.ForEach(r => r.Start());

        // Adds and removes other keys: tombstones pile up, and the array is rebuilt, grown and shrunk many times.
        for (int round = 0; round < 200; round++)
        {
            for (int i = 0; i < 500; i++)
            {
                map.Slots.TryAdd(Cell(1_000 + i));
            }

            for (int i = 0; i < 500; i++)
            {
                map.Remove(new IntKey(1_000 + i));
            }
        }

        stop.Cancel();
        Assert.That(readers.TrueForAll(r => r.Join(TestTables.HangGuard)), Is.True, "the readers stopped");
        Assert.Multiple(() =>
        {
            Assert.That(misses, Is.Zero, "lookups that missed a key present throughout");
            Assert.That(wrong, Is.Zero, "lookups that returned another key's cell");
            Assert.That(map.Count, Is.EqualTo(stable));
        });
    }

    [Test]
    public void Removing_a_key_while_its_cell_is_replaced_removes_one_of_its_cells()
    {
        var map = new MemoCellMap<IntKey, int>();
        map.Slots.TryAdd(Cell(5));
        using var stop = new CancellationTokenSource();
        var replacer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                map.Slots.Replace(Cell(5));
            }
        });
        replacer.Start();

        int notFound = 0;
        int leftBehind = 0;
        for (int i = 0; i < 100_000; i++)
        {
            // The key is present before each removal; a removal racing a replacement must still take one of its cells.
            map.Slots.TryAdd(Cell(5));
            switch (map.Remove(new IntKey(5)))
            {
                case null:
                    notFound++;
                    break;
                case { } removed when map.Snapshot().Contains(removed):
                    leftBehind++;
                    break;
            }
        }

        stop.Cancel();
        Assert.That(replacer.Join(TestTables.HangGuard), Is.True, "the replacer stopped");
        Assert.Multiple(() =>
        {
            Assert.That(notFound, Is.Zero, "removals that found no cell of a present key");
            Assert.That(leftBehind, Is.Zero, "removed cells still in the map");
        });
    }

    private static MemoCell<IntKey, int> Cell(int key) => new(new IntKey(key), key, 0, 0);

    /// <summary>A key whose hash code is the same for every value, so that all keys collide.</summary>
    private readonly struct CollidingKey(int value) : IMemoKey<CollidingKey>
    {
        public int Value { get; } = value;

        public bool Equals(CollidingKey other) => Value == other.Value;

        public override bool Equals(object? obj) => obj is CollidingKey other && Equals(other);

        public override int GetHashCode() => 42;

        public void WriteStableHash(ref MemoHasher hasher) => hasher.Write(Value);
    }
}
