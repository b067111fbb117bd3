namespace MemoGen.Postgres;

/// <summary>A payload whose chunks are in <c>memogen.chunk</c>, ready to be referenced by an entry.</summary>
/// <param name="ChunkHashes">The SHA-256 of each chunk, in payload order.</param>
/// <param name="Size">The payload's length in bytes.</param>
/// <param name="PayloadHash">The SHA-256 of the whole payload.</param>
internal sealed record PublishedPayload(byte[][] ChunkHashes, long Size, byte[] PayloadHash);
