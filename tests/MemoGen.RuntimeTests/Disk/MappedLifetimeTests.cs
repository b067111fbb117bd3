using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>
/// A memory-mapped result stays mapped until its context is disposed: a caller holding only a span reads it whole
/// after full collections, an invalidation, a clear and evictions on another thread. (Were it unmapped, the read would
/// be an access violation that ends the test run.)
/// </summary>
public sealed class MappedLifetimeTests
{
    private const int Length = 300_000;

    [TestCase(MemoTags.Disk)]
    [TestCase(MemoTags.Lazy)]
    public void A_span_alone_stays_readable_through_collections_invalidation_clear_and_eviction(string tag)
    {
        using var store = new TempStore();
        MemoOptions options = DiskTables.Options(store);
        options.MmapMode = MmapMode.ReadOnly;
        options.MemoryLimits = new MemoryLimits(MaxEntries: 1);
        var function = DiskTables.Function<ReadOnlyMemory<double>>(tag: tag);
        DiskTables.Get(DiskTables.Fresh(function, options), 1, new Counted<ReadOnlyMemory<double>>(Ramp));
        using var context = new MemoContext(options);
        MemoTable<NumberKey, ReadOnlyMemory<double>> table = function.TableIn(context);

        ReadOnlySpan<double> span = LoadMappedSpan(table);
        Task churn = Task.Run(() =>
        {
            table.Invalidate(new NumberKey(1));
            context.Clear();
            for (int key = 2; key < 6; key++)
            {
                DiskTables.Get(table, key, new Counted<ReadOnlyMemory<double>>(Ramp));
            }

            for (int i = 0; i < 3; i++)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
        });
        Assert.That(churn.Wait(TestTables.HangGuard), Is.True);

        Assert.That(span.Length, Is.EqualTo(Length));
        int wrong = 0;
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] != i * 0.5)
            {
                wrong++;
            }
        }

        Assert.That(wrong, Is.Zero);
    }

    /// <summary>Loads key 1 (mapped) and keeps nothing of it but a span: the memory and its manager die with this frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ReadOnlySpan<double> LoadMappedSpan(MemoTable<NumberKey, ReadOnlyMemory<double>> table)
    {
        ReadOnlyMemory<double> memory = DiskTables.Get(table, 1, new Counted<ReadOnlyMemory<double>>(_ => throw new AssertionException("expected a disk hit")));
        Assert.That(MemoryMarshal.TryGetMemoryManager(memory, out MemoryManager<double>? _), Is.True, "the result is mapped");
        return memory.Span;
    }

    private static ReadOnlyMemory<double> Ramp(int key)
    {
        var values = new double[Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i * 0.5;
        }

        return values;
    }
}
