namespace MemoGen.Postgres;

/// <summary>A chunk of an entry: its address, its length, and whether it is stored whole (before migration 3) rather than in pieces.</summary>
internal sealed record StoredChunk(byte[] Hash, int Size, bool Whole)
{
    /// <summary>How many rows hold the chunk: a whole chunk is read as its one piece.</summary>
    public int Pieces => Whole ? 1 : ChunkPieces.CountFor(Size);

    /// <summary>The length of every piece but the last.</summary>
    public int PieceSize => Whole ? Size : ChunkPieces.PieceSize;
}
