using System;
using System.Collections.Immutable;

namespace MemoGen.Sweeps;

/// <summary>
/// Numeric ranges. Both ends are included: a range by step runs from <c>start</c> towards <c>stop</c> and includes
/// <c>stop</c> when it lies on the grid (for floating-point values, within a billionth of a step of it); a range by
/// count is evenly spaced from <c>start</c> to <c>stop</c>, both included.
/// </summary>
/// <remarks>
/// Floating-point values do not drift: the i-th value is computed from <c>start</c> and <c>i</c>, never by adding the
/// step again and again, and in decimal arithmetic when the ends and the step are short decimals, so that
/// <c>Values.Range(0.1, 1.0, step: 0.1)</c> yields exactly the doubles written <c>0.1, 0.2, 0.3, …, 1.0</c>.
/// </remarks>
public static partial class Values
{
    private const double GridTolerance = 1e-9;

    /// <summary>
    /// Integers from <paramref name="start"/> to <paramref name="stop"/>: every <paramref name="step"/>, or
    /// <paramref name="count"/> of them evenly spaced (rounded to the nearest integer). Give exactly one of the two.
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The last value, included when the grid lands on it.</param>
    /// <param name="step">The distance between values: positive up, negative down.</param>
    /// <param name="count">How many values; at most the number of integers from one end to the other.</param>
    public static Values<int> Range(int start, int stop, int step = 0, int count = 0) =>
        Narrow(count == 0 ? LongSteps(start, stop, RequireOne(step, count)) : LongCount(start, stop, RequireOne(count, step)));

    /// <inheritdoc cref="Range(int, int, int, int)"/>
    public static Values<long> Range(long start, long stop, long step = 0, int count = 0) =>
        new(count == 0 ? LongSteps(start, stop, RequireOne(step, count)) : LongCount(start, stop, RequireOne(count, step)));

    /// <summary>
    /// Numbers from <paramref name="start"/> to <paramref name="stop"/>: every <paramref name="step"/>, or
    /// <paramref name="count"/> of them evenly spaced. Give exactly one of the two.
    /// </summary>
    /// <param name="start">The first value.</param>
    /// <param name="stop">The last value, included when the grid lands on it (within a billionth of a step).</param>
    /// <param name="step">The distance between values: positive up, negative down.</param>
    /// <param name="count">How many values, both ends included; one value is <paramref name="start"/>.</param>
    public static Values<double> Range(double start, double stop, double step = 0, int count = 0) =>
        count == 0 ? DoubleSteps(start, stop, RequireOne(step, count)) : DoubleCount(start, stop, RequireOne(count, step));

    private static Values<double> DoubleSteps(double start, double stop, double step)
    {
        RequireFinite(start, stop, step);
        RequireDirection((stop - start) / step >= -GridTolerance, start, stop);
        double steps = Math.Max(0, (stop - start) / step);
        long last = (long)Math.Floor(steps + (GridTolerance * Math.Max(1, steps)));
        var values = ImmutableArray.CreateBuilder<double>(CheckedCount(last + 1));
        bool exact = IsShortDecimal(start) && IsShortDecimal(step);
        for (long i = 0; i <= last; i++)
        {
            double value = exact ? (double)((decimal)start + (i * (decimal)step)) : start + (i * step);
            values.Add(i == last && Math.Abs(value - stop) <= GridTolerance * Math.Abs(step) ? stop : value);
        }

        return new Values<double>(values.MoveToImmutable());
    }

    private static Values<double> DoubleCount(double start, double stop, int count)
    {
        RequireFinite(start, stop, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var values = ImmutableArray.CreateBuilder<double>(count);
        bool exact = IsShortDecimal(start) && IsShortDecimal(stop);
        for (int i = 0; i < count; i++)
        {
            values.Add(i == 0 ? start
                : i == count - 1 ? stop
                : exact ? (double)((decimal)start + (((decimal)stop - (decimal)start) * i / (count - 1)))
                : start + ((stop - start) * i / (count - 1)));
        }

        return new Values<double>(values.MoveToImmutable());
    }

    private static ImmutableArray<long> LongSteps(long start, long stop, long step)
    {
        RequireDirection(step > 0 ? stop >= start : stop <= start, start, stop);
        Int128 last = ((Int128)stop - start) / step;
        var values = ImmutableArray.CreateBuilder<long>(CheckedCount(last + 1));
        for (Int128 i = 0; i <= last; i++)
        {
            values.Add((long)(start + (i * step)));
        }

        return values.MoveToImmutable();
    }

    private static ImmutableArray<long> LongCount(long start, long stop, long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Int128 span = (Int128)stop - start;
        if (count - 1 > Int128.Abs(span))
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), count, $"There are only {Int128.Abs(span) + 1} integers from {start} to {stop}; ask for at most that many.");
        }

        var values = ImmutableArray.CreateBuilder<long>(CheckedCount(count));
        for (long i = 0; i < count; i++)
        {
            // Rounded to nearest, halves away from start.
            Int128 offset = count == 1 ? 0 : ((2 * i * span) + (Int128.Sign(span) * (count - 1))) / (2 * (count - 1));
            values.Add((long)(start + offset));
        }

        return values.MoveToImmutable();
    }

    private static Values<int> Narrow(ImmutableArray<long> values)
    {
        var narrowed = ImmutableArray.CreateBuilder<int>(values.Length);
        foreach (long value in values)
        {
            narrowed.Add((int)value);
        }

        return new Values<int>(narrowed.MoveToImmutable());
    }

    private static int CheckedCount(Int128 count) => count <= Array.MaxLength
        ? (int)count
        : throw new ArgumentOutOfRangeException(nameof(count), $"A range of {count} values is too long for one dimension.");

    /// <summary>Whether <paramref name="value"/> survives a trip through <see cref="decimal"/>: then sums of it are exact in decimal.</summary>
    private static bool IsShortDecimal(double value)
    {
        if (Math.Abs(value) >= 1e15)
        {
            return false;
        }

        return (double)(decimal)value == value;
    }

    private static void RequireFinite(double start, double stop, double step)
    {
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step))
        {
            throw new ArgumentException($"A range needs finite numbers (start {start}, stop {stop}, step {step}).");
        }
    }

    /// <summary>Returns <paramref name="given"/> after checking that exactly one of step and count was given.</summary>
    private static TNumber RequireOne<TNumber, TOther>(TNumber given, TOther other)
        where TNumber : System.Numerics.INumber<TNumber>
        where TOther : System.Numerics.INumber<TOther>
    {
        if (TNumber.IsZero(given) == TOther.IsZero(other))
        {
            throw new ArgumentException("Give a range either a non-zero step or a count, not both and not neither.");
        }

        return given;
    }

    private static void RequireDirection<TNumber>(bool towardsStop, TNumber start, TNumber stop)
    {
        if (!towardsStop)
        {
            throw new ArgumentOutOfRangeException("step", $"The step leads away from {stop}: to go from {start} to {stop}, give it the other sign.");
        }
    }
}
