namespace MemoGen.Disk;

/// <summary>Writes a function's values as payload files and reads them back, in one format.</summary>
/// <remarks>
/// Not generic: values pass as objects (a value-type result boxed), so that the entry reader and writer and the disk
/// tier are precompiled by ReadyToRun and a first disk hit compiles only the codec's typed step for a value-type result.
/// </remarks>
internal interface IPayloadCodec
{
    /// <summary>The format recorded in the metadata: <c>raw</c>, a serializer's format, or <c>cacher:&lt;function&gt;</c>.</summary>
    string Format { get; }

    /// <summary>
    /// Writes <paramref name="value"/>, a value of the function's result type, as new payload files and flushes them to
    /// disk. Throws <see cref="PayloadNotWritableException"/> if the value cannot be written in this format, and I/O
    /// exceptions if the disk fails.
    /// </summary>
    WrittenPayload Write(in PayloadTarget target, object? value);

    /// <summary>
    /// Reads the value whose files <paramref name="metadata"/> lists, after checking their lengths and checksums
    /// (a mapped payload: its header and length), and remembers it for provenance. Throws
    /// <see cref="InvalidEntryException"/> for a bad entry, <see cref="PayloadNotWritableException"/> if values of this
    /// type cannot be read back at all, and <see cref="System.IO.FileNotFoundException"/> if a payload file has gone.
    /// </summary>
    object? Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead);
}
