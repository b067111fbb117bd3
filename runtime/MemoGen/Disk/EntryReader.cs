using System;
using System.Diagnostics;
using System.IO;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MemoGen.Disk;

/// <summary>
/// Reads one function's entries: validates the metadata and the payload, serves a valid entry, and removes a bad one
/// (with one warning) so that the value is computed again. Never throws at a caller for the disk's sake.
/// </summary>
/// <typeparam name="TResult">The function's result type; the reader does not know the key type, so one instantiation serves every function of a result type.</typeparam>
internal sealed class EntryReader<TResult>
{
    /// <summary>A load records a use by touching the metadata file only if its last record is older than this.</summary>
    private static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    private readonly FunctionFolder<TResult> _folder;
    private readonly TimeSpan? _expiry;

    /// <summary>A reader of <paramref name="folder"/>'s entries; older than <paramref name="expiry"/> is a miss.</summary>
    public EntryReader(FunctionFolder<TResult> folder, TimeSpan? expiry)
    {
        _folder = folder;
        _expiry = expiry;
    }

    private IMemoFileSystem FileSystem => _folder.FileSystem;

    private string FunctionName => _folder.Function.Name;

    /// <summary>Loads the entry of <paramref name="hash"/> if a valid one is on disk; <paramref name="trace"/> says what happened, for the log.</summary>
    public LoadOutcome TryLoad(MemoHash128 hash, out TResult value, out LoadTrace trace)
    {
        value = default!;
        trace = default;
        if (_folder.IsMemoryOnly)
        {
            return LoadOutcome.Missed;
        }

        long started = Stopwatch.GetTimestamp();
        EntryPaths paths = _folder.Paths(hash);
        byte[]? metadataBytes = null;
        try
        {
            metadataBytes = _folder.ReadMetadataBytes(paths.MetadataPath, out DateTime lastUse);
            while (true)
            {
                if (metadataBytes is null)
                {
                    trace = new LoadTrace("not on disk");
                    return LoadOutcome.Missed;
                }

                EntryMetadata metadata = EntryMetadataJson.Read(metadataBytes);
                if (Stale(metadata, paths) is { } reason)
                {
                    trace = new LoadTrace(reason);
                    return LoadOutcome.Missed;
                }

                long bytesRead;
                try
                {
                    value = _folder.Codec.Read(new PayloadSource(FileSystem, paths.Directory, hash, _folder.Store.MmapMode), metadata, out bytesRead);
                }
                catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
                {
                    // A writer replaced the entry, or someone removed it, after its metadata was read: look again.
                    byte[]? again = _folder.ReadMetadataBytes(paths.MetadataPath, out lastUse);
                    if (again is not null && again.AsSpan().SequenceEqual(metadataBytes))
                    {
                        throw new InvalidEntryException("a payload file is missing", exception);
                    }

                    metadataBytes = again;
                    continue;
                }

                if (_folder.Store.MmapMode == MmapMode.ReadOnly)
                {
                    // Only this mode maps; skipping the lookup spares other loads its reflection on a first hit.
                    _folder.Store.MappedViews.Retain(value);
                }

                Touch(paths.MetadataPath, lastUse);
                MemoMetrics.Add(MemoMetrics.BytesRead, bytesRead, _folder.Function);
                trace = new LoadTrace(null, paths.MetadataPath, bytesRead + metadataBytes.Length, started);
                return LoadOutcome.Loaded;
            }
        }
        catch (PayloadNotWritableException exception)
        {
            _folder.KeepInMemory(exception.Message);
            trace = new LoadTrace(Discard(paths, metadataBytes, exception.Message));
        }
        catch (Exception exception) when (exception is InvalidEntryException or OverflowException or EndOfStreamException or InvalidDataException)
        {
            trace = new LoadTrace(Discard(paths, metadataBytes, exception.Message));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (_folder.Logger is { } logger && logger.IsEnabled(LogLevel.Debug))
            {
                MemoLog.Unreadable(logger, FunctionName, paths.MetadataPath, exception.Message);
            }
        }

        value = default!;
        return LoadOutcome.Missed;
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

        foreach (PayloadFile file in metadata.Files)
        {
            if (!paths.IsPayloadName(file.Name))
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

        string format = _folder.Codec.Format;
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

            if (_folder.Logger is { } logger)
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
}
