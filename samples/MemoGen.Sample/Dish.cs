using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;

namespace MemoGen.Sample;

/// <summary>The sample's context: the memoized simulation, kept on disk (a raw payload of floats per point).</summary>
public sealed partial class Dish(MemoOptions options) : MemoContext(options)
{
    private readonly ConcurrentDictionary<ReactionParameters, int> _runs = new();

    /// <summary>How many times this context ran the simulation of <paramref name="parameters"/> (0: it came from the cache).</summary>
    public int Runs(ReactionParameters parameters) => _runs.TryGetValue(parameters, out int runs) ? runs : 0;

    /// <summary>
    /// The final V field of a Gray–Scott run (<see cref="GrayScott"/>). The token cancels a run in progress and is not
    /// part of the key.
    /// </summary>
    [Memoize(Name = "gray_scott", Tags = new[] { "disk" })]
    public partial ImmutableArray<float> Simulate(double feed, double kill, int grid, int steps, int seed, CancellationToken cancellationToken);

    private float[] SimulateCore(double feed, double kill, int grid, int steps, int seed, CancellationToken cancellationToken)
    {
        var parameters = new ReactionParameters(feed, kill, grid, steps, seed);
        float[] field = GrayScott.Run(parameters, cancellationToken);
        _runs.AddOrUpdate(parameters, 1, static (_, runs) => runs + 1);
        return field;
    }
}
