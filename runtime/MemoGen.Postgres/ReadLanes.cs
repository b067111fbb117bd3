using System;
using Npgsql;

namespace MemoGen.Postgres;

/// <summary>How many connections a chunked payload is read on (<see cref="ChunkLanes"/>), and where the extra ones come from.</summary>
/// <param name="Count">The most lanes a read uses; 1 reads every chunk on the connection that found the entry.</param>
/// <param name="Open">Opens the connection of a lane beyond the first (a pooled one), blocking the calling thread.</param>
internal sealed record ReadLanes(int Count, Func<NpgsqlConnection> Open)
{
    /// <summary>Every chunk on the connection that found the entry.</summary>
    public static readonly ReadLanes One = new(1, () => throw new InvalidOperationException("A read on one lane opens no connection."));
}
