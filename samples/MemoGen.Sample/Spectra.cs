using System;
using System.Collections.Immutable;

namespace MemoGen.Sample;

/// <summary>Form 2: a static function with an explicit context, keyed by the content of its array argument.</summary>
public static partial class Spectra
{
    /// <summary>The power of <paramref name="bins"/> frequencies of a signal, by a plain discrete Fourier transform.</summary>
    [Memoize(Name = "power_spectrum", Tags = new[] { "disk" })]
    public static partial ImmutableArray<double> Power(MemoContext context, ImmutableArray<double> signal, int bins);

    private static double[] PowerCore(MemoContext context, ImmutableArray<double> signal, int bins)
    {
        var power = new double[bins];
        for (var k = 0; k < bins; k++)
        {
            double re = 0, im = 0;
            for (var n = 0; n < signal.Length; n++)
            {
                var angle = -2 * Math.PI * k * n / signal.Length;
                re += signal[n] * Math.Cos(angle);
                im += signal[n] * Math.Sin(angle);
            }

            power[k] = re * re + im * im;
        }

        return power;
    }
}
