using System;
using System.Threading;

namespace MemoGen.Sample;

/// <summary>
/// The Gray–Scott model: U + 2V → 3V, U fed at rate F, V removed at rate F + k, both diffusing (Pearson, Science 1993).
/// Depending on F and k the dish ends empty, covered, or with spots, stripes, worms, coral or waves.
/// </summary>
public static class GrayScott
{
    private const float DiffusionU = 0.16f;
    private const float DiffusionV = 0.08f;

    /// <summary>Runs the model and returns the final V concentration, row by row (<c>Grid × Grid</c> values).</summary>
    public static float[] Run(ReactionParameters p, CancellationToken cancellationToken)
    {
        int n = p.Grid;
        float[] u = new float[n * n], v = new float[n * n], nextU = new float[n * n], nextV = new float[n * n];
        Seed(p, u, v);
        float feed = (float)p.Feed, kill = (float)p.Kill;
        for (int step = 0; step < p.Steps; step++)
        {
            if ((step & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int y = 0; y < n; y++)
            {
                int row = y * n, up = ((y + n - 1) % n) * n, down = ((y + 1) % n) * n;
                for (int x = 0; x < n; x++)
                {
                    int left = x == 0 ? n - 1 : x - 1, right = x == n - 1 ? 0 : x + 1;
                    int i = row + x;
                    float uc = u[i], vc = v[i];
                    float lapU = u[row + left] + u[row + right] + u[up + x] + u[down + x] - (4 * uc);
                    float lapV = v[row + left] + v[row + right] + v[up + x] + v[down + x] - (4 * vc);
                    float reaction = uc * vc * vc;
                    nextU[i] = uc + (DiffusionU * lapU) - reaction + (feed * (1 - uc));
                    nextV[i] = vc + (DiffusionV * lapV) + reaction - ((feed + kill) * vc);
                }
            }

            (u, nextU) = (nextU, u);
            (v, nextV) = (nextV, v);
        }

        return v;
    }

    /// <summary>U = 1, V = 0 everywhere but in a few small squares where V is seeded, with a little noise.</summary>
    private static void Seed(ReactionParameters p, float[] u, float[] v)
    {
        int n = p.Grid;
        Array.Fill(u, 1f);
        var random = new Random(p.Seed);
        int squares = Math.Max(1, n * n / 1024), half = Math.Max(2, n / 32);
        for (int s = 0; s < squares; s++)
        {
            int cx = random.Next(n), cy = random.Next(n);
            for (int dy = -half; dy <= half; dy++)
            {
                for (int dx = -half; dx <= half; dx++)
                {
                    int i = (((cy + dy + n) % n) * n) + ((cx + dx + n) % n);
                    u[i] = 0.5f + (0.1f * random.NextSingle());
                    v[i] = 0.25f + (0.1f * random.NextSingle());
                }
            }
        }
    }
}
