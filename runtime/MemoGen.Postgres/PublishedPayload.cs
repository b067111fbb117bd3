namespace MemoGen.Postgres;

/// <summary>
/// A payload whose chunks are in <c>memogen.chunk</c>, ready to be referenced by an entry; or a small payload of one
/// chunk, <paramref name="InlineData"/>, that the statement publishing the entry stores in the entry's row.
/// </summary>
/// <param name="ChunkHashes">The address of each chunk (<see cref="ChunkHash"/>), in payload order.</param>
/// <param name="Size">The payload's length in bytes.</param>
/// <param name="PayloadHash">The hash of the whole payload (<see cref="ChunkHash.OfPayload"/>).</param>
/// <param name="InlineData">The bytes of the one small chunk, stored inline in the entry; <see langword="null"/> when every chunk is in <c>memogen.chunk</c>.</param>
internal sealed record PublishedPayload(byte[][] ChunkHashes, long Size, byte[] PayloadHash, byte[]? InlineData = null);
