using MemoGen.Disk;

namespace MemoGen.Inspection;

/// <summary>What <see cref="EntryVerifier"/> found about one entry.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Metadata">Its metadata, when it could be read.</param>
/// <param name="Problem">Why the entry is bad, or <see langword="null"/> if it is whole.</param>
internal sealed record EntryCheck(InspectedEntry Entry, EntryMetadata? Metadata, string? Problem)
{
    /// <summary>Whether every check passed.</summary>
    public bool IsGood => Problem is null;
}
