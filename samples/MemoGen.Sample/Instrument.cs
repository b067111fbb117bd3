using System;

namespace MemoGen.Sample;

public sealed record Beam(double Fwhm, double Peak);

/// <summary>Form 3: an instance method of a record; the record is part of the key.</summary>
public sealed partial record Instrument(string Name, double Aperture)
{
    /// <summary>The instrument's beam at a frequency, by numerically integrating an Airy pattern.</summary>
    [Memoize(Tags = new[] { "disk" })]
    public partial Beam BeamAt(MemoContext context, double frequencyGhz);

    private Beam BeamAtCore(MemoContext context, double frequencyGhz)
    {
        var wavelength = 0.299792458 / frequencyGhz;
        var scale = Math.PI * Aperture / wavelength;
        double peak = 0, halfPowerAngle = 0;
        for (var i = 1; i <= 2_000_000; i++)
        {
            var angle = i * 1e-9;
            var x = scale * angle;
            var airy = Math.Pow(2 * BesselJ1(x) / x, 2);
            peak = Math.Max(peak, airy);
            if (halfPowerAngle == 0 && airy < 0.5)
            {
                halfPowerAngle = angle;
            }
        }

        return new Beam(2 * halfPowerAngle, peak);
    }

    /// <summary>J1 by its power series: enough terms for the arguments used here.</summary>
    private static double BesselJ1(double x)
    {
        double term = x / 2, sum = term;
        for (var k = 1; k < 30; k++)
        {
            term *= -(x * x / 4) / (k * (k + 1));
            sum += term;
        }

        return sum;
    }
}
