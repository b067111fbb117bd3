namespace MemoGen.Postgres;

/// <summary>An entry found in the shared tier: its payload is read by key with <see cref="PostgresStore.TryRead"/>.</summary>
/// <param name="Id">The row id in <c>memogen.entry</c>.</param>
/// <param name="Size">The payload's length in bytes.</param>
/// <param name="PayloadHash">The hash of the whole payload (<see cref="ChunkHash.OfPayload"/>, or a SHA-256 of its bytes for older entries).</param>
internal sealed record StoredEntry(long Id, long Size, byte[] PayloadHash);
