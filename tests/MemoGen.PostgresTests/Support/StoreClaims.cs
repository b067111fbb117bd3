using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;

namespace MemoGen.PostgresTests.Support;

/// <summary>The store's blocking claim, for the asynchronous tests: run on a thread of the pool so that a test can await it with a timeout.</summary>
internal static class StoreClaims
{
    public static Task<ClaimOutcome> ClaimAsync(this PostgresStore store, EntryKey key, CancellationToken cancellationToken) =>
        Task.Run(() => store.Claim(key, cancellationToken), cancellationToken);
}
