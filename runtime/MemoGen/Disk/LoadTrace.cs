namespace MemoGen.Disk;

/// <summary>
/// What a load from disk did, for the typed shell (<see cref="DiskTier"/>) to log with the call's
/// description: the reader itself does not know the key type.
/// </summary>
/// <param name="MissReason">Why the load missed, when the reason is worth a debug line.</param>
/// <param name="MetadataPath">The loaded entry's metadata file.</param>
/// <param name="BytesRead">Payload and metadata bytes read.</param>
/// <param name="Started">When the load started (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</param>
internal readonly record struct LoadTrace(string? MissReason, string? MetadataPath = null, long BytesRead = 0, long Started = 0);
