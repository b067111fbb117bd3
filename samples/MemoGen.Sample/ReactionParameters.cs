using System.Globalization;

namespace MemoGen.Sample;

/// <summary>
/// One point of the sweep: a Gray–Scott reaction–diffusion run. The key of the memoized simulation, so every field
/// counts: another grid, another step count or another seed is another result.
/// </summary>
/// <param name="Feed">The feed rate F: how fast U is replenished.</param>
/// <param name="Kill">The kill rate k: how fast V is removed.</param>
/// <param name="Grid">The side of the square, periodic grid, in cells.</param>
/// <param name="Steps">Time steps (dt = 1).</param>
/// <param name="Seed">The seed of the initial disturbance.</param>
public sealed record ReactionParameters(double Feed, double Kill, int Grid, int Steps, int Seed)
{
    /// <summary>The point for people: <c>F=0.0350 k=0.0650</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"F={Feed:0.0000} k={Kill:0.0000}");
}
