using System.Collections.Generic;

namespace MemoGen.Disk;

/// <summary>An entry a write committed: enough to take it back if the result turns out not to be wanted.</summary>
/// <param name="MetadataPath">The entry's metadata file.</param>
/// <param name="Directory">The entry's folder.</param>
/// <param name="Files">The payload files the write created.</param>
/// <param name="Metadata">The metadata file's bytes, which tell this write's entry from a later one.</param>
internal sealed record WrittenEntry(string MetadataPath, string Directory, IReadOnlyList<PayloadFile> Files, byte[] Metadata);
