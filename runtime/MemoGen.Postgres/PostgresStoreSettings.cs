using System;

namespace MemoGen.Postgres;

/// <summary>The store's tunables; the defaults suit production, tests shorten the waits.</summary>
internal sealed record PostgresStoreSettings
{
    /// <summary>The largest chunk a payload is cut into (and the one buffer a read or write holds).</summary>
    public int ChunkSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>How many connections a large payload's chunks are written on at once (the server stores them in parallel).</summary>
    public int WriteLanes { get; init; } = 2;

    /// <summary>How many connections a large payload's chunks are read on at once (1: one after the other on one connection).</summary>
    public int ReadLanes { get; init; } = 2;

    /// <summary>How often a waiter re-checks without a notification (a holder that died releases its lock silently).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long PostgreSQL is left alone after a failure before it is tried again.</summary>
    public TimeSpan RetryAfterOutage { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the claims being computed are marked alive.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the last use of fetched entries is written (see <see cref="LastUseRecorder"/>).</summary>
    public TimeSpan LastUseFlushInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock of the outage back-off.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
