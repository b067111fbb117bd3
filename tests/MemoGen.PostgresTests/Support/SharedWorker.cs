using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;

namespace MemoGen.PostgresTests.Support;

/// <summary>
/// What a worker does with the store for one call, as the runtime's shared tier does: read the entry, or compute under
/// the claim and publish, or compute locally when PostgreSQL is unavailable.
/// </summary>
internal static class SharedWorker
{
    /// <summary>Test settings: short waits so that takeovers and outages resolve in well under a second.</summary>
    public static readonly PostgresStoreSettings FastSettings = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(100),
        RetryAfterOutage = TimeSpan.FromMilliseconds(300),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>The payload of <paramref name="key"/>, from the store or computed by <paramref name="compute"/> (and published).</summary>
    public static async Task<byte[]> GetOrComputeAsync(PostgresStore store, EntryKey key, Func<CancellationToken, Task<byte[]>> compute, CancellationToken cancellationToken)
    {
        ClaimOutcome outcome = await Task.Run(() => store.Claim(key, cancellationToken), cancellationToken);
        if (outcome.Entry is not null)
        {
            var buffer = new MemoryStream();
            if (store.TryRead(key, buffer))
            {
                return buffer.ToArray();
            }

            return await compute(cancellationToken);
        }

        if (outcome.Claim is not { } claim)
        {
            return await compute(cancellationToken);
        }

        await using (claim)
        {
            byte[] result;
            try
            {
                result = await compute(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await claim.FailAsync(e);
                throw;
            }

            await claim.PublishAsync(new MemoryStream(result, writable: false), cancellationToken);
            return result;
        }
    }
}
