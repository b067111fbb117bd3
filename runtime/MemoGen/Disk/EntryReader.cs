using System;
using System.Diagnostics;
using System.IO;
using MemoGen.Diagnostics;
using MemoGen.Hashing;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// Reads one function's entries: validates the metadata and the payload, serves a valid entry, and removes a bad one
/// (with one warning) so that the value is computed again. Never throws at a caller for the disk's sake.
/// </summary>
/// <remarks>
/// Not generic: the metadata read and parse, the checks of key, function, code version, format and expiry, the
/// retries and the removal of bad entries work on bytes, and the codec hands back the value as an object: all of it is
/// precompiled by ReadyToRun, whatever the result type.
/// </remarks>
internal sealed class EntryReader
{
    /// <summary>A load records a use by touching the metadata file only if its last record is older than this.</summary>
    private static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    private readonly FunctionFolder _folder;
    private readonly TimeSpan? _expiry;

    /// <summary>A reader of <paramref name="folder"/>'s entries; older than <paramref name="expiry"/> is a miss.</summary>
    public EntryReader(FunctionFolder folder, TimeSpan? expiry)
    {
        _folder = folder;
        _expiry = expiry;
    }

    private IMemoFileSystem FileSystem => _folder.FileSystem;

    private string FunctionName => _folder.Function.Name;

    /// <summary>Loads the entry of <paramref name="hash"/> if a valid one is on disk; <paramref name="trace"/> says what happened, for the log.</summary>
    public LoadOutcome TryLoad(MemoHash128 hash, IPayloadCodec codec, out object? value, out LoadTrace trace)
    {
        value = null;
        var load = new PendingLoad(hash, _folder.Paths(hash), Stopwatch.GetTimestamp());
        if (!TryOpen(load, out trace))
        {
            return LoadOutcome.Missed;
        }

        while (true)
        {
            try
            {
                value = codec.Read(load.Source(_folder), load.Metadata!, out long bytesRead);
                trace = Loaded(load, bytesRead);
                return LoadOutcome.Loaded;
            }
            catch (Exception exception) when (IsEntryFailure(exception))
            {
                if (!Recover(load, exception, out trace))
                {
                    value = null;
                    return LoadOutcome.Missed;
                }
            }
        }
    }

    /// <summary>
    /// Loads a fetched entry held in memory with the checks of <see cref="TryLoad"/> (metadata, checksums); a bad
    /// one is a miss, logged, with nothing on disk to remove.
    /// </summary>
    public LoadOutcome TryLoadFetched(MemoHash128 hash, FetchedEntry fetched, IPayloadCodec codec, out object? value, out LoadTrace trace)
    {
        value = null;
        var load = new PendingLoad(hash, fetched.Paths, Stopwatch.GetTimestamp()) { MetadataBytes = fetched.Metadata };
        try
        {
            if (!Check(load, out trace))
            {
                return LoadOutcome.Missed;
            }

            value = codec.Read(new PayloadSource(fetched, load.Paths.Directory, load.Hash, MappedViews: null, _folder.Function), load.Metadata!, out long bytesRead);
            trace = Counted(load, bytesRead);
            return LoadOutcome.Loaded;
        }
        catch (Exception exception) when (IsEntryFailure(exception))
        {
            if (_folder.Logger?.Logger is { } logger)
            {
                MemoLog.BadEntry(logger, FunctionName, load.Paths.MetadataPath, exception.Message);
            }

            value = null;
            trace = new LoadTrace(exception.Message);
            return LoadOutcome.Missed;
        }
    }

    /// <summary>Reads and checks the metadata of <paramref name="load"/>'s entry; false (with why) when there is none to read a payload for.</summary>
    private bool TryOpen(PendingLoad load, out LoadTrace trace)
    {
        trace = default;
        if (_folder.IsMemoryOnly)
        {
            return false;
        }

        try
        {
            load.MetadataBytes = _folder.ReadMetadataBytes(load.Paths.MetadataPath, out load.LastUse);
            return Check(load, out trace);
        }
        catch (Exception exception) when (IsEntryFailure(exception))
        {
            return Recover(load, exception, out trace);
        }
    }

    /// <summary>Parses and checks the metadata bytes of <paramref name="load"/>; false when they say the entry cannot serve; throws for a bad entry.</summary>
    private bool Check(PendingLoad load, out LoadTrace trace)
    {
        trace = default;
        if (load.MetadataBytes is null)
        {
            trace = new LoadTrace("not on disk");
            return false;
        }

        load.Metadata = EntryMetadataJson.Read(load.MetadataBytes);
        if (Stale(load.Metadata, load.Paths) is { } reason)
        {
            trace = new LoadTrace(reason);
            return false;
        }

        return true;
    }

    /// <summary>Records the use of a loaded entry; returns its trace.</summary>
    private LoadTrace Loaded(PendingLoad load, long bytesRead)
    {
        Touch(load.Paths.MetadataPath, load.LastUse);
        return Counted(load, bytesRead);
    }

    /// <summary>Counts the bytes of a load and says what it read, for the log.</summary>
    private LoadTrace Counted(PendingLoad load, long bytesRead)
    {
        MemoMetrics.Add(MemoMetrics.BytesRead, bytesRead, _folder.Function);
        return new LoadTrace(null, load.Paths.MetadataPath, bytesRead + load.MetadataBytes!.Length, load.Started);
    }

    /// <summary>Whether a load handles <paramref name="exception"/> itself (a bad or unreadable entry) rather than letting it through.</summary>
    private static bool IsEntryFailure(Exception exception) =>
        exception is InvalidEntryException or OverflowException or EndOfStreamException or InvalidDataException
            or PayloadNotWritableException or IOException or UnauthorizedAccessException;

    /// <summary>
    /// Handles a failed step of a load: after a payload file vanished, reads the metadata again and returns true if
    /// another writer replaced the entry and it is worth reading; otherwise removes a bad entry (or logs an unreadable
    /// one) and returns false.
    /// </summary>
    private bool Recover(PendingLoad load, Exception exception, out LoadTrace trace)
    {
        trace = default;
        try
        {
            if (exception is FileNotFoundException or DirectoryNotFoundException && load.Metadata is not null)
            {
                // A writer replaced the entry, or someone removed it, after its metadata was read: look again.
                byte[]? again = _folder.ReadMetadataBytes(load.Paths.MetadataPath, out load.LastUse);
                if (again is null || !again.AsSpan().SequenceEqual(load.MetadataBytes))
                {
                    load.MetadataBytes = again;
                    load.Metadata = null;
                    return Check(load, out trace);
                }

                exception = new InvalidEntryException("a payload file is missing", exception);
            }
        }
        catch (Exception failure) when (IsEntryFailure(failure))
        {
            exception = failure;
        }

        switch (exception)
        {
            case PayloadNotWritableException:
                _folder.KeepInMemory(exception.Message);
                trace = new LoadTrace(Discard(load.Paths, load.MetadataBytes, exception.Message));
                break;
            case InvalidEntryException or OverflowException or EndOfStreamException or InvalidDataException:
                trace = new LoadTrace(Discard(load.Paths, load.MetadataBytes, exception.Message));
                break;
            default:
                if (_folder.Logger is { IsDebugEnabled: true } log)
                {
                    MemoLog.Unreadable(log.Logger!, FunctionName, load.Paths.MetadataPath, exception.Message);
                }

                break;
        }

        return false;
    }

    /// <summary>
    /// Whether an entry of this code, type and format, not expired, is on disk with payload files of their recorded
    /// lengths (their content is checked when loaded).
    /// </summary>
    public bool Contains(MemoHash128 hash)
    {
        EntryPaths paths = _folder.Paths(hash);
        try
        {
            if (_folder.ReadMetadataBytes(paths.MetadataPath) is not { } bytes)
            {
                return false;
            }

            EntryMetadata metadata = EntryMetadataJson.Read(bytes);
            if (Stale(metadata, paths) is not null)
            {
                return false;
            }

            foreach (PayloadFile file in metadata.Files)
            {
                using IMemoReadableFile payload = FileSystem.OpenRead(paths.PayloadPath(file.Name));
                if (payload.Length != file.Bytes)
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidEntryException)
        {
            return false;
        }
    }

    /// <summary>Why a well-formed entry cannot serve this function now, or <see langword="null"/> if it can; throws for a bad entry.</summary>
    private string? Stale(EntryMetadata metadata, EntryPaths paths)
    {
        if (!string.Equals(metadata.KeyHash, paths.KeyHash, StringComparison.Ordinal))
        {
            throw new InvalidEntryException($"the metadata is for key {metadata.KeyHash}");
        }

        // By index: an empty list's interface enumerator is the core library's shared array enumerator, whose first use
        // a small (inline) entry's first hit would otherwise pay for.
        for (int i = 0; i < metadata.Files.Count; i++)
        {
            if (!paths.IsPayloadName(metadata.Files[i].Name))
            {
                throw new InvalidEntryException("the metadata names a payload file outside its entry");
            }
        }

        MemoFunction function = _folder.Function;
        if (!string.Equals(metadata.Function, function.Name, StringComparison.Ordinal))
        {
            return $"the entry belongs to '{metadata.Function}'";
        }

        if (!string.Equals(metadata.CodeVersion, function.CodeVersion, StringComparison.Ordinal))
        {
            return $"written by other code (version {metadata.CodeVersion}, now {function.CodeVersion})";
        }

        string format = _folder.Format;
        if (!string.Equals(metadata.ResultType, _folder.ResultType, StringComparison.Ordinal) || !string.Equals(metadata.Format, format, StringComparison.Ordinal))
        {
            return $"written as {metadata.Format} {metadata.ResultType}, now {format} {_folder.ResultType}";
        }

        if (_expiry is { } expiry && metadata.CreatedUtc + expiry < _folder.Store.Time.GetUtcNow().UtcDateTime)
        {
            return $"expired (computed {metadata.CreatedUtc:O})";
        }

        return null;
    }

    /// <summary>
    /// Records a use of the entry, for least-recently-used pruning, unless one was recorded within
    /// <see cref="UseResolution"/>: frequent hits of one entry cost no write.
    /// </summary>
    private void Touch(string metadataPath, DateTime lastUseUtc)
    {
        DateTime now = _folder.Store.Time.GetUtcNow().UtcDateTime;
        if (now - lastUseUtc < UseResolution && lastUseUtc <= now)
        {
            return;
        }

        try
        {
            FileSystem.SetLastWriteTimeUtc(metadataPath, now);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A read-only or foreign store: the entry just looks older to pruning.
        }
    }

    /// <summary>
    /// Removes a bad entry, unless another writer replaced it since it was read. Payload files that unreadable
    /// metadata cannot name are left for pruning, which removes files no entry names.
    /// </summary>
    /// <returns>Why the entry was left, when another writer replaced it; null when it was removed (or could not be).</returns>
    private string? Discard(EntryPaths paths, byte[]? metadataBytes, string reason)
    {
        try
        {
            if (metadataBytes is not null)
            {
                byte[]? current = _folder.ReadMetadataBytes(paths.MetadataPath);
                if (current is null || !current.AsSpan().SequenceEqual(metadataBytes))
                {
                    return "the entry changed while it was read";
                }
            }

            EntryMetadata? metadata = null;
            try
            {
                metadata = metadataBytes is null ? null : EntryMetadataJson.Read(metadataBytes);
            }
            catch (InvalidEntryException)
            {
                // Garbage metadata names no payload to remove.
            }

            if (_folder.Logger?.Logger is { } logger)
            {
                MemoLog.BadEntry(logger, FunctionName, paths.MetadataPath, reason);
            }

            FileSystem.Delete(paths.MetadataPath);
            _folder.DeletePayloads(metadata, paths);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidEntryException)
        {
            // Cannot remove it (a read-only store): the value is computed, and the write that follows may replace it.
        }

        return null;
    }

    /// <summary>One load's state across its steps and retries.</summary>
    private sealed class PendingLoad(MemoHash128 hash, EntryPaths paths, long started)
    {
        public readonly MemoHash128 Hash = hash;
        public readonly EntryPaths Paths = paths;
        public readonly long Started = started;
        public byte[]? MetadataBytes;
        public EntryMetadata? Metadata;
        public DateTime LastUse;

        // Only this mode maps; the others read.
        public PayloadSource Source(FunctionFolder folder) =>
            new(folder.FileSystem, Paths.Directory, Hash, folder.Store.MmapMode == MmapMode.ReadOnly ? folder.Store.MappedViews : null, folder.Function);
    }
}
