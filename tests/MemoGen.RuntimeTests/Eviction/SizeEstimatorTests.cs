using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using MemoGen.Infrastructure;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Eviction;

public sealed class SizeEstimatorTests
{
    private const long Overhead = MemoSizeEstimator.ObjectOverhead;

    [Test]
    public void ArraysOfUnmanagedElementsCountTheirBytes()
    {
        Assert.That(MemoSizeEstimator.Estimate(new double[1000]), Is.EqualTo(8000 + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(new byte[10]), Is.EqualTo(10 + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(new (int, int)[10]), Is.EqualTo(80 + Overhead));
    }

    [Test]
    public void ImmutableArraysAndMemoriesCountTheirBytes()
    {
        Assert.That(MemoSizeEstimator.Estimate(ImmutableArray.Create(1, 2, 3)), Is.EqualTo(12 + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(default(ImmutableArray<int>)), Is.Zero);
        Assert.That(MemoSizeEstimator.Estimate(new ReadOnlyMemory<float>(new float[100])), Is.EqualTo(400 + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(new Memory<long>(new long[4])), Is.EqualTo(32 + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(ImmutableArray.Create((1, 2), (3, 4))), Is.EqualTo(16 + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(new ReadOnlyMemory<string>(new string[5], 1, 3)), Is.EqualTo((3 * MemoSizeEstimator.ElementGuess) + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(ImmutableArray.Create(DayOfWeek.Monday)), Is.EqualTo(4 + Overhead));
    }

    [Test]
    public void StringsCountTwoBytesPerCharacter()
    {
        Assert.That(MemoSizeEstimator.Estimate("hello"), Is.EqualTo(10 + Overhead));
        Assert.That(MemoSizeEstimator.Estimate<string?>(null), Is.Zero);
    }

    [Test]
    public void CollectionsCountTheirElements()
    {
        Assert.That(MemoSizeEstimator.Estimate(new List<int> { 1, 2, 3 }), Is.EqualTo(12 + Overhead));
        Assert.That(
            MemoSizeEstimator.Estimate(new List<string> { "a", "b" }),
            Is.EqualTo((2 * MemoSizeEstimator.ElementGuess) + Overhead));
        Assert.That(
            MemoSizeEstimator.Estimate<IReadOnlyList<double>>(new double[5]),
            Is.EqualTo(40 + Overhead));
        Assert.That(
            MemoSizeEstimator.Estimate(new string[3]),
            Is.EqualTo((3 * MemoSizeEstimator.ElementGuess) + Overhead));
        Assert.That(MemoSizeEstimator.Estimate(new OnlyReadOnly(7)), Is.EqualTo((7 * sizeof(long)) + Overhead), "counted through the interface");
        Assert.That(MemoSizeEstimator.Estimate<OnlyReadOnly?>(null), Is.Zero);
    }

    [Test]
    public void OtherValuesHaveANominalOrTheirOwnSize()
    {
        Assert.That(MemoSizeEstimator.Estimate(new object()), Is.EqualTo(MemoSizeEstimator.NominalSize));
        Assert.That(MemoSizeEstimator.Estimate(3.0), Is.EqualTo(sizeof(double)));
        Assert.That(MemoSizeEstimator.Estimate((1, "a")), Is.EqualTo(MemoSizeEstimator.NominalSize));
    }

    /// <summary>A collection that is only an <see cref="IReadOnlyCollection{T}"/>, with its count implemented explicitly.</summary>
    private sealed class OnlyReadOnly(int count) : IReadOnlyCollection<long>
    {
        int IReadOnlyCollection<long>.Count => count;

        public IEnumerator<long> GetEnumerator() => throw new NotSupportedException();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
