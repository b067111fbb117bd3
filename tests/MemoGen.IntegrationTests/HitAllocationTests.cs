using System;
using MemoGen.IntegrationTests.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>
/// The README's "0 B" per hit, measured on generated code (not an imitation of it): many hits of a string key and of
/// a record key allocate nothing on the calling thread.
/// </summary>
public sealed class HitAllocationTests
{
    private const int Hits = 10_000;

    [Test]
    public void A_hit_with_a_string_key_allocates_nothing()
    {
        var catalog = new Catalog();
        string text = "a string key of some length";
        Assert.That(catalog.Length(text), Is.EqualTo(text.Length));

        long allocated = AllocatedDuring(() =>
        {
            for (int i = 0; i < Hits; i++)
            {
                catalog.Length(text);
            }
        });

        Assert.That(allocated, Is.Zero, $"bytes allocated by {Hits} hits");
        Assert.That(catalog.CallsOf(nameof(Catalog.Length)), Is.EqualTo(1));
    }

    [Test]
    public void A_hit_with_a_record_key_allocates_nothing()
    {
        var catalog = new Catalog();
        var cell = new Cell(3, 4);
        Assert.That(catalog.Index(cell), Is.EqualTo(3004));

        long allocated = AllocatedDuring(() =>
        {
            for (int i = 0; i < Hits; i++)
            {
                catalog.Index(cell);
            }
        });

        Assert.That(allocated, Is.Zero, $"bytes allocated by {Hits} hits");
        Assert.That(catalog.CallsOf(nameof(Catalog.Index)), Is.EqualTo(1));
    }

    /// <summary>Bytes <paramref name="hits"/> allocates on this thread, after a first run that leaves JIT and tiering aside.</summary>
    private static long AllocatedDuring(Action hits)
    {
        hits();
        long before = GC.GetAllocatedBytesForCurrentThread();
        hits();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
