using System.Globalization;
using MemoGen.Sweeps;

namespace MemoGen.Sample;

/// <summary>
/// One point of the sweep: a Gray–Scott reaction–diffusion run. Every field is a key parameter of
/// <see cref="Dish.Simulate"/>: another grid, another step count or another seed is another result.
/// </summary>
/// <param name="Feed">The feed rate F: how fast U is replenished.</param>
/// <param name="Kill">The kill rate k: how fast V is removed.</param>
/// <param name="Grid">The side of the square, periodic grid, in cells.</param>
/// <param name="Steps">Time steps (dt = 1).</param>
/// <param name="Seed">The seed of the initial disturbance.</param>
public sealed record ReactionParameters(double Feed, double Kill, int Grid, int Steps, int Seed)
{
    /// <summary>The parameters of a point of <see cref="Dish.Simulate"/>'s sweep.</summary>
    public static ReactionParameters Of(SweepPoint point) => new(
        point.Get<double>("feed"), point.Get<double>("kill"), point.Get<int>("grid"), point.Get<int>("steps"), point.Get<int>("seed"));

    /// <summary>The point for people: <c>F=0.0350 k=0.0650</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"F={Feed:0.0000} k={Kill:0.0000}");
}
