using System.Collections.Generic;

namespace MemoGen.Disk;

/// <summary>What a codec wrote: the files, for the metadata, and a short description of the value for people.</summary>
/// <param name="Files">The payload files, flushed to disk.</param>
/// <param name="Value">Such as <c>double[1000,3]</c> or <c>json</c>.</param>
/// <param name="Inline">A small JSON payload to hold in the metadata file itself instead of a file (then <paramref name="Files"/> is empty).</param>
internal sealed record WrittenPayload(IReadOnlyList<PayloadFile> Files, string Value, InlinePayload? Inline = null);
