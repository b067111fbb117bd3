using System;
using System.Collections.Generic;

namespace MemoGen.Tool;

/// <summary>A function of the cache, as <c>list</c> reports it.</summary>
/// <param name="Function">The cache name, from the entries' metadata (the folder name when none could be read).</param>
/// <param name="Folder">The function's folder.</param>
/// <param name="Entries">Committed entries.</param>
/// <param name="Bytes">The bytes they take, metadata and payloads.</param>
/// <param name="Oldest">When the oldest entry was computed.</param>
/// <param name="Newest">When the newest entry was computed.</param>
/// <param name="LastUsed">The latest use of any entry.</param>
/// <param name="CodeVersions">The code versions the entries were computed by.</param>
/// <param name="Unreadable">Entries whose metadata could not be read (run <c>verify</c>).</param>
internal sealed record FunctionSummary(
    string Function, string Folder, int Entries, long Bytes, DateTime? Oldest, DateTime? Newest, DateTime? LastUsed,
    IReadOnlyList<string> CodeVersions, int Unreadable);

/// <summary>An entry, as <c>show</c> reports it.</summary>
/// <param name="KeyHash">The key hash (the file name).</param>
/// <param name="Call">The call that computed it.</param>
/// <param name="Function">The cache name.</param>
/// <param name="CodeVersion">The code version that computed it.</param>
/// <param name="ResultType">The .NET type of the value.</param>
/// <param name="Created">When it was computed.</param>
/// <param name="LastUsed">When it was last loaded or written.</param>
/// <param name="ComputeSeconds">How long the computation took.</param>
/// <param name="Format">How the payload is written.</param>
/// <param name="Value">The value for people, such as <c>double[1000,3]</c>.</param>
/// <param name="Bytes">The bytes the entry's files take.</param>
/// <param name="Path">The metadata file.</param>
/// <param name="Files">The payload files named by the metadata.</param>
/// <param name="Problem">Why the metadata could not be read, if it could not.</param>
internal sealed record EntryReport(
    string KeyHash, string? Call, string? Function, string? CodeVersion, string? ResultType, DateTime? Created, DateTime LastUsed,
    double? ComputeSeconds, string? Format, string? Value, long Bytes, string Path, IReadOnlyList<string> Files, string? Problem);

/// <summary>What <c>verify</c> found.</summary>
/// <param name="Checked">Entries checked.</param>
/// <param name="Bad">Entries that failed a check.</param>
/// <param name="Removed">Bad entries removed (with <c>--fix</c>).</param>
/// <param name="BadEntries">Each bad entry and why.</param>
internal sealed record VerifyReport(int Checked, int Bad, int Removed, IReadOnlyList<BadEntryReport> BadEntries);

/// <summary>A bad entry.</summary>
/// <param name="Folder">Its function's folder.</param>
/// <param name="KeyHash">Its key hash.</param>
/// <param name="Problem">The first check it failed.</param>
/// <param name="Path">Its metadata file.</param>
internal sealed record BadEntryReport(string Folder, string KeyHash, string Problem, string Path);

/// <summary>What <c>clear</c> removed.</summary>
/// <param name="Folder">The function's folder.</param>
/// <param name="Entries">Entries removed.</param>
internal sealed record ClearedFunction(string Folder, long Entries);
