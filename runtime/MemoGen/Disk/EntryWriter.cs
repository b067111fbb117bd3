using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// Writes one function's entries, crash-safely: payload files under names unique to the write, flushed; then the
/// metadata to a temporary file, flushed and renamed over the entry's metadata file (the commit). A write that fails
/// leaves no file behind and never throws at the caller for the disk's sake.
/// </summary>
/// <remarks>Generic over neither the key nor the result: ReadyToRun precompiles it for every function.</remarks>
internal sealed class EntryWriter
{
    private readonly FunctionFolder _folder;
    private readonly IPayloadCodec _codec;

    /// <summary>A writer of <paramref name="folder"/>'s entries, in <paramref name="codec"/>'s format.</summary>
    public EntryWriter(FunctionFolder folder, IPayloadCodec codec)
    {
        _folder = folder;
        _codec = codec;
    }

    private IMemoFileSystem FileSystem => _folder.FileSystem;

    /// <summary>
    /// Writes a computed result as an entry, replacing any other of its key. Returns the committed entry, or
    /// <see langword="null"/> if nothing was written (the result then lives in memory only).
    /// </summary>
    /// <param name="call">The call, as <see cref="CallDescriber"/> describes it for people.</param>
    /// <param name="hash">The key hash.</param>
    /// <param name="value">The result (boxed, for a value type).</param>
    /// <param name="computeTime">How long it took.</param>
    public WrittenEntry? Save(string call, MemoHash128 hash, object? value, TimeSpan computeTime)
    {
        DiskStore store = _folder.Store;
        if (_folder.IsMemoryOnly || !store.IsWritable)
        {
            return null;
        }

        long started = Stopwatch.GetTimestamp();
        EntryPaths paths = _folder.Paths(hash);
        WrittenEntry written;
        long bytes;
        for (int attempt = 0; ; attempt++)
        {
            string writeId = DiskLayout.NewWriteId();
            try
            {
                store.EnsureDirectory(paths.Directory);
                EntryMetadata? previous = _folder.TryReadMetadata(paths.MetadataPath);
                WrittenPayload payload = _codec.Write(new PayloadTarget(FileSystem, paths.Directory, hash, writeId), value);
                byte[] metadata = EntryMetadataJson.Write(new EntryMetadata
                {
                    Function = _folder.Function.Name,
                    CodeVersion = _folder.Function.CodeVersion,
                    KeyHash = paths.KeyHash,
                    ResultType = _folder.ResultType,
                    Call = call,
                    CreatedUtc = store.Time.GetUtcNow().UtcDateTime,
                    ComputeSeconds = computeTime.TotalSeconds,
                    Format = _codec.Format,
                    Value = payload.Value,
                    Files = payload.Files,
                    Inline = payload.Inline,
                });
                CommitMetadata(paths, writeId, metadata);
                DeleteReplaced(previous, paths, payload.Files);
                bytes = metadata.Length;
                foreach (PayloadFile file in payload.Files)
                {
                    bytes += file.Bytes;
                }

                written = new WrittenEntry(paths.MetadataPath, paths.Directory, payload.Files, metadata);
                break;
            }
            catch (PayloadNotWritableException exception)
            {
                DeleteWrite(paths, writeId);
                _folder.KeepInMemory(exception.Message);
                return null;
            }
            catch (DirectoryNotFoundException) when (attempt == 0)
            {
                // The store's folder was removed under us: create it again, once.
                DeleteWrite(paths, writeId);
                store.ForgetDirectories();
            }
            catch (FileNotFoundException)
            {
                // A concurrent clear removed this write's files: nothing to commit, the disk is fine.
                DeleteWrite(paths, writeId);
                return null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                DeleteWrite(paths, writeId);
                store.MarkUnwritable(exception);
                return null;
            }
            catch (Exception exception)
            {
                // A serializer's or cacher's failure; an OutOfMemoryException goes on to the table, which contains it.
                DeleteWrite(paths, writeId);
                if (exception is OutOfMemoryException)
                {
                    throw;
                }

                _folder.NotWritten(exception.Message);
                return null;
            }
        }

        // Outside the write's try: the entry is committed, and nothing here may take its files back.
        Written(paths, bytes, started);
        return written;
    }

    /// <summary>
    /// Takes back an entry <see cref="Save"/> committed for a result that was invalidated meanwhile: its metadata if it
    /// is still the current one, and its payload files in any case.
    /// </summary>
    public void Undo(WrittenEntry written)
    {
        try
        {
            if (_folder.ReadMetadataBytes(written.MetadataPath) is { } current && current.AsSpan().SequenceEqual(written.Metadata))
            {
                FileSystem.Delete(written.MetadataPath);
            }

            foreach (PayloadFile file in written.Files)
            {
                FileSystem.Delete(Path.Combine(written.Directory, file.Name));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidEntryException)
        {
            // Left for the next write of the key or for pruning.
        }
    }

    /// <summary>Starts writing an entry fetched from a shared tier into the local store, through the same commit.</summary>
    public FetchTarget BeginFetch(MemoHash128 hash, bool staged)
    {
        EntryPaths paths = _folder.Paths(hash);
        _folder.Store.EnsureDirectory(paths.Directory);
        return new FetchTarget(paths, FileSystem, CommitFetched, mayHoldInMemory: _folder.Store.MmapMode == MmapMode.None, keptLocally: !staged);
    }

    private void CommitFetched(EntryPaths paths, ReadOnlySpan<byte> metadata)
    {
        EntryMetadata? previous = _folder.TryReadMetadata(paths.MetadataPath);
        EntryMetadata committed = EntryMetadataJson.Read(metadata);
        if (!string.Equals(committed.KeyHash, paths.KeyHash, StringComparison.Ordinal))
        {
            throw new InvalidEntryException($"the fetched metadata is for key {committed.KeyHash}");
        }

        // Not flushed: a copy of a shared entry can be fetched again, and a torn one fails its checksum on load.
        CommitMetadata(paths, DiskLayout.NewWriteId(), metadata, flush: false);
        DeleteReplaced(previous, paths, committed.Files);
    }

    /// <summary>Writes <paramref name="metadata"/> to a temporary file of the write, flushes it (unless told not to) and renames it over the entry's metadata.</summary>
    private void CommitMetadata(EntryPaths paths, string writeId, ReadOnlySpan<byte> metadata, bool flush = true)
    {
        string temporary = paths.TemporaryMetadataPath(writeId);
        using (IMemoWritableFile file = FileSystem.CreateNew(temporary, metadata.Length))
        {
            file.Write(metadata, 0);
            if (flush)
            {
                file.FlushToDisk();
            }
        }

        FileSystem.Replace(temporary, paths.MetadataPath);
    }

    /// <summary>After a commit, removes the payload files of the entry it replaced (those the new entry does not name).</summary>
    private void DeleteReplaced(EntryMetadata? previous, EntryPaths paths, IReadOnlyList<PayloadFile> kept)
    {
        if (previous is null)
        {
            return;
        }

        try
        {
            foreach (PayloadFile file in previous.Files)
            {
                if (paths.IsPayloadName(file.Name) && !Names(kept, file.Name))
                {
                    FileSystem.Delete(paths.PayloadPath(file.Name));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for pruning.
        }
    }

    private static bool Names(IReadOnlyList<PayloadFile> files, string name)
    {
        foreach (PayloadFile file in files)
        {
            if (file.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes the files of a write that did not commit.</summary>
    private void DeleteWrite(EntryPaths paths, string writeId)
    {
        string prefix = $"{paths.KeyHash}.{writeId}.";
        try
        {
            foreach (MemoFileEntry file in FileSystem.ListFiles(paths.Directory))
            {
                if (file.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    FileSystem.Delete(file.Path);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for pruning, which removes files no metadata names once they are old.
        }
    }

    private void Written(EntryPaths paths, long bytes, long started)
    {
        MemoMetrics.Add(MemoMetrics.BytesWritten, bytes, _folder.Function);
        if (_folder.Logger is { IsDebugEnabled: true } log)
        {
            MemoLog.Written(log.Logger!, _folder.Function.Name, paths.MetadataPath, bytes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        _folder.Store.RecordWrite(bytes);
    }
}
