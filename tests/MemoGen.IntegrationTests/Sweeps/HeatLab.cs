using System;
using System.Threading;
using System.Threading.Tasks;

namespace MemoGen.IntegrationTests.Sweeps;

public sealed record HeatResult(int Nside, double Kappa, double Peak);

/// <summary>Disk-tagged methods swept by the tests; each counts the computations it really runs.</summary>
public sealed partial class HeatLab(MemoOptions options) : MemoContext(options)
{
    private int _computations;

    /// <summary>How many times an implementation ran in this context.</summary>
    public int Computations => Volatile.Read(ref _computations);

    /// <summary>Completed by tests to let pending asynchronous computations finish.</summary>
    public TaskCompletionSource Gate { get; set; } = Open();

    public static TaskCompletionSource Open()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    /// <summary>Fails for a negative <paramref name="kappa"/>.</summary>
    [Memoize(Name = "sweep_diffuse", Tags = new[] { "disk" })]
    public partial HeatResult Diffuse(int nside, double kappa, [MemoIgnore] string label, CancellationToken cancellationToken);

    private HeatResult DiffuseCore(int nside, double kappa, string label, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _computations);
        if (kappa < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa, $"negative diffusivity ({label})");
        }

        return new HeatResult(nside, kappa, nside * kappa);
    }

    [Memoize(Name = "sweep_diffuse_async", Tags = new[] { "disk" })]
    public partial Task<double> DiffuseAsync(int nside, double kappa, CancellationToken cancellationToken);

    private async Task<double> DiffuseAsyncCore(int nside, double kappa, CancellationToken cancellationToken)
    {
        await Gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _computations);
        return nside * kappa;
    }
}

/// <summary>Form 2, for the sweep of a static method: the context is passed, not swept.</summary>
public static partial class HeatFormulas
{
    [Memoize(Name = "sweep_decay")]
    public static partial ValueTask<double> DecayAsync(MemoContext context, double rate, long steps);

    private static ValueTask<double> DecayAsyncCore(MemoContext context, double rate, long steps) =>
        new(Math.Pow(1 - rate, steps));
}
