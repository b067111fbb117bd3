namespace MemoGen.Benchmarks;

/// <summary>A CPU-bound memoized method for the sweep benchmarks; memory only, so a fresh context computes every point.</summary>
public sealed partial class SweepBenchContext(MemoOptions options) : MemoContext(options)
{
    [Memoize(Name = "bench_burn")]
    public partial double Burn(int seed, int iterations);

    /// <summary>A logistic-map orbit: pure arithmetic, no memory traffic, no allocation.</summary>
    public static double Orbit(int seed, int iterations)
    {
        double x = 0.1 + (seed % 97 / 1000.0);
        for (int i = 0; i < iterations; i++)
        {
            x = 3.99 * x * (1 - x);
        }

        return x;
    }

    private double BurnCore(int seed, int iterations) => Orbit(seed, iterations);
}
