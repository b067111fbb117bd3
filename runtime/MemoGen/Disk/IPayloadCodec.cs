namespace MemoGen.Disk;

/// <summary>Writes a function's values as payload files and reads them back, in one format.</summary>
/// <typeparam name="TResult">The function's result type.</typeparam>
internal interface IPayloadCodec<TResult>
{
    /// <summary>The format recorded in the metadata: <c>raw</c>, a serializer's format, or <c>cacher:&lt;function&gt;</c>.</summary>
    string Format { get; }

    /// <summary>
    /// Writes <paramref name="value"/> as new payload files and flushes them to disk. Throws
    /// <see cref="PayloadNotWritableException"/> if the value cannot be written in this format, and I/O exceptions
    /// if the disk fails.
    /// </summary>
    WrittenPayload Write(in PayloadTarget target, TResult value);

    /// <summary>
    /// Reads the value whose files <paramref name="metadata"/> lists, after checking their lengths and checksums
    /// (a mapped payload: its header and length). Throws <see cref="InvalidEntryException"/> for a bad entry,
    /// <see cref="PayloadNotWritableException"/> if values of this type cannot be read back at all, and
    /// <see cref="System.IO.FileNotFoundException"/> if a payload file has gone.
    /// </summary>
    TResult Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead);
}
