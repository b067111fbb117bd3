using System;
using System.Linq;
using System.Runtime.InteropServices;
using MemoGen.Disk;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>Loads big enough for huge-page advice and for reading on several threads.</summary>
public sealed class LargeLoadTests
{
    [Test]
    public void A_40_MB_array_loads_into_a_fresh_context_intact()
    {
        using var store = new TempStore();
        var options = DiskTables.Options(store);
        var function = DiskTables.Function<double[]>();
        double[] Make(int key) => Enumerable.Range(0, 5 << 20).Select(i => i * 0.25 + key).ToArray();
        double[] written = DiskTables.Get(DiskTables.Fresh(function, options), 3, new Counted<double[]>(Make));

        var second = new Counted<double[]>(Make);
        double[] read = DiskTables.Get(DiskTables.Fresh(function, options), 3, second);

        Assert.That(second.Calls, Is.Zero, "loaded from disk");
        Assert.That(read, Is.Not.SameAs(written));
        Assert.That(read.AsSpan().SequenceEqual(written), Is.True);
    }

    [Test]
    public void Huge_page_advice_keeps_what_the_memory_holds()
    {
        // Advice that dropped pages (MADV_DONTNEED, MADV_FREE) would zero them: the data must survive it.
        byte[] data = GC.AllocateUninitializedArray<byte>((int)HugePageAdvice.MinBytes * 2 + 12345, pinned: true);
        new Random(5).NextBytes(data);
        byte[] expected = (byte[])data.Clone();
        HugePageAdvice.ForDestination(Marshal.UnsafeAddrOfPinnedArrayElement(data, 7), data.Length - 7);

        Assert.That(data.AsSpan().SequenceEqual(expected), Is.True);
    }
}
