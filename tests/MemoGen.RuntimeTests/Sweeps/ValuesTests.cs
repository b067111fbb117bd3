using System;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Sweeps;

public sealed class ValuesTests
{
    [Test]
    public void A_floating_step_lands_on_the_written_decimals_and_includes_stop()
    {
        Assert.That(Values.Range(0.1, 1.0, step: 0.1), Is.EqualTo(new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 }));
        Assert.That(Values.Range(1.0, 0.0, step: -0.25), Is.EqualTo(new[] { 1.0, 0.75, 0.5, 0.25, 0.0 }));
    }

    [Test]
    public void A_step_that_does_not_land_on_stop_ends_before_it()
    {
        Assert.That(Values.Range(0, 10, step: 3), Is.EqualTo(new[] { 0, 3, 6, 9 }));
        Assert.That(Values.Range(0.0, 1.0, step: 0.3), Is.EqualTo(new[] { 0.0, 0.3, 0.6, 0.9 }));
        Assert.That(Values.Range(5L, 5L, step: 1L), Is.EqualTo(new[] { 5L }));
    }

    [Test]
    public void A_long_floating_range_does_not_drift()
    {
        var values = Values.Range(0.0, 1000.0, step: 0.001);

        Assert.That(values.Count, Is.EqualTo(1_000_001));
        Assert.That(values[123_457], Is.EqualTo(123.457));
        Assert.That(values[values.Count - 1], Is.EqualTo(1000.0));
    }

    [Test]
    public void A_count_spaces_values_evenly_with_both_ends()
    {
        Assert.That(Values.Range(0.0, 1.0, count: 5), Is.EqualTo(new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }));
        Assert.That(Values.Range(0.0, 1.0, count: 3)[1], Is.EqualTo(0.5));
        Assert.That(Values.Range(2.0, 9.0, count: 1), Is.EqualTo(new[] { 2.0 }));
        Assert.That(Values.Range(1L, 1000L, count: 4), Is.EqualTo(new[] { 1L, 334L, 667L, 1000L }));
        Assert.That(Values.Range(10, 0, count: 3), Is.EqualTo(new[] { 10, 5, 0 }));
    }

    [Test]
    public void Integer_ranges_reach_the_ends_of_their_type_without_overflow()
    {
        Assert.That(Values.Range(int.MaxValue - 2, int.MaxValue, step: 1), Is.EqualTo(new[] { int.MaxValue - 2, int.MaxValue - 1, int.MaxValue }));
        Assert.That(Values.Range(long.MinValue, long.MaxValue, count: 2), Is.EqualTo(new[] { long.MinValue, long.MaxValue }));
    }

    [Test]
    public void Bad_ranges_say_what_is_wrong()
    {
        Assert.That(() => Values.Range(0, 10), Throws.ArgumentException.With.Message.Contains("either a non-zero step or a count"));
        Assert.That(() => Values.Range(0.0, 1.0, step: 0.5, count: 3), Throws.ArgumentException.With.Message.Contains("not both"));
        Assert.That(() => Values.Range(0, 10, step: -1), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("other sign"));
        Assert.That(() => Values.Range(0, 2, count: 4), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("only 3 integers"));
        Assert.That(() => Values.Range(0.0, double.PositiveInfinity, step: 1), Throws.ArgumentException.With.Message.Contains("finite"));
        Assert.That(() => Values.Of<int>(), Throws.ArgumentException.With.Message.Contains("at least one value"));
    }

    [Test]
    public void Products_pair_every_value_and_single_values_convert()
    {
        Assert.That(Values.Product(Values.Of(1, 2), Values.Of("a", "b")), Is.EqualTo(new[] { (1, "a"), (1, "b"), (2, "a"), (2, "b") }));
        Values<int> fixedValue = 7;
        Assert.That(fixedValue, Is.EqualTo(new[] { 7 }));
    }
}
