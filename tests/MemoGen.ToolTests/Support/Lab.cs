using System.Collections.Immutable;

namespace MemoGen.ToolTests.Support;

/// <summary>A result written as JSON, small enough to be held inline in its metadata.</summary>
public sealed record Ratio(int A, int B, double Value);

/// <summary>Real memoized methods whose disk entries the tool inspects: a raw payload and an inline JSON one.</summary>
public sealed partial class Lab(MemoOptions options) : MemoContext(options)
{
    /// <summary>The squares of 0 to count − 1: a raw payload.</summary>
    [Memoize(Name = "squares", Tags = new[] { "disk" })]
    public partial ImmutableArray<double> Squares(int count);

    /// <summary>a / b: an inline JSON payload.</summary>
    [Memoize(Name = "ratio", Tags = new[] { "disk" })]
    public partial Ratio Divide(int a, int b);

    private double[] SquaresCore(int count)
    {
        var squares = new double[count];
        for (int i = 0; i < count; i++)
        {
            squares[i] = (double)i * i;
        }

        return squares;
    }

    private Ratio DivideCore(int a, int b) => new(a, b, (double)a / b);
}
