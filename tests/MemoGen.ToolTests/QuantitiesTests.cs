using System;
using MemoGen.Tool;
using NUnit.Framework;

namespace MemoGen.ToolTests;

public sealed class QuantitiesTests
{
    [TestCase("512", 512L)]
    [TestCase("4K", 4096L)]
    [TestCase("20G", 20L << 30)]
    [TestCase("3MiB", 3L << 20)]
    [TestCase("1tb", 1L << 40)]
    public void BytesWithSuffixes(string text, long expected)
    {
        Assert.That(Quantities.TryParseBytes(text, out long bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("-1")]
    [TestCase("G")]
    [TestCase("1.5G")]
    [TestCase("99999999999T")]
    public void BadByteCounts(string text) => Assert.That(Quantities.TryParseBytes(text, out _), Is.False);

    [TestCase("7d", 7 * 24 * 3600)]
    [TestCase("12h", 12 * 3600)]
    [TestCase("30m", 1800)]
    [TestCase("1.5s", 1.5)]
    public void Ages(string text, double seconds)
    {
        Assert.That(Quantities.TryParseAge(text, out TimeSpan age), Is.True);
        Assert.That(age.TotalSeconds, Is.EqualTo(seconds));
    }

    [TestCase("7")]
    [TestCase("7w")]
    [TestCase("-1d")]
    [TestCase("d")]
    public void BadAges(string text) => Assert.That(Quantities.TryParseAge(text, out _), Is.False);
}
