using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MemoGen.Disk;

/// <summary>
/// One function's part of the disk store, used by its table on a memory miss (inside the single-flight computation)
/// and by the handle operations. Never throws at a caller: a bad entry is logged, removed and computed again; a
/// failing disk turns the store to memory only, with one warning.
/// </summary>
/// <remarks>
/// With the <c>"lazy"</c> policy, memory keeps only a weak handle on each result written to disk, and a later call
/// gets the result back from the handle while it lives, or from disk once it has been collected.
/// </remarks>
internal sealed class DiskTier<TKey, TResult>
    where TKey : struct, IMemoKey<TKey>
{
    /// <summary>A load records a use by touching the metadata file only if its last record is older than this.</summary>
    private static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    private readonly MemoFunction _function;
    private readonly DiskStore _store;
    private readonly IMemoFileSystem _fileSystem;
    private readonly IPayloadCodec<TResult> _codec;
    private readonly string _functionDirectory;
    private readonly string _resultType = typeof(TResult).ToString();
    private readonly TimeSpan? _expiry;
    private readonly ConcurrentDictionary<TKey, WeakResult<TResult>>? _weakResults;
    private readonly ILogger? _logger;
    private int _memoryOnly;

    /// <summary>The disk tier of <paramref name="function"/> in <paramref name="store"/>.</summary>
    public DiskTier(MemoFunction function, DiskStore store, IPayloadCodec<TResult> codec, TimeSpan? expiry, bool lazy)
    {
        _function = function;
        _store = store;
        _fileSystem = store.FileSystem;
        _codec = codec;
        _expiry = expiry;
        _functionDirectory = store.FunctionDirectory(function.Name);
        _weakResults = lazy ? new ConcurrentDictionary<TKey, WeakResult<TResult>>() : null;
        _logger = store.Logger;
    }

    /// <summary>Whether memory keeps only weak handles on results written to disk (the <c>"lazy"</c> policy).</summary>
    public bool IsLazy => _weakResults is not null;

    /// <summary>
    /// Answers a memory miss: from a lazy result's weak handle, or from a valid entry on disk. Computes the key's
    /// stable hash, which a following <see cref="Save"/> takes.
    /// </summary>
    public LoadOutcome TryLoad(in TKey key, out MemoHash128 hash, out TResult value)
    {
        hash = MemoKeyHash.Of(key);
        if (_weakResults is not null && _weakResults.TryGetValue(key, out WeakResult<TResult>? weak))
        {
            if (weak.TryGet(out value))
            {
                return LoadOutcome.Recalled;
            }

            _weakResults.TryRemove(new(key, weak));
        }

        value = default!;
        if (Volatile.Read(ref _memoryOnly) != 0)
        {
            return LoadOutcome.Missed;
        }

        long started = Stopwatch.GetTimestamp();
        string hex = hash.ToString();
        string directory = DiskLayout.EntryDirectory(_functionDirectory, hex);
        string metadataPath = Path.Combine(directory, DiskLayout.MetadataName(hex));
        byte[]? metadataBytes = null;
        try
        {
            metadataBytes = ReadMetadataBytes(metadataPath, out DateTime lastUse);
            while (true)
            {
                if (metadataBytes is null)
                {
                    return Missed(key, "not on disk");
                }

                EntryMetadata metadata = EntryMetadataJson.Read(metadataBytes);
                if (Stale(metadata, hex) is { } reason)
                {
                    return Missed(key, reason);
                }

                long bytesRead;
                try
                {
                    value = _codec.Read(new PayloadSource(_fileSystem, directory, hash, _store.MmapMode), metadata, out bytesRead);
                }
                catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
                {
                    // A writer replaced the entry, or someone removed it, after its metadata was read: look again.
                    byte[]? again = ReadMetadataBytes(metadataPath, out lastUse);
                    if (again is not null && again.AsSpan().SequenceEqual(metadataBytes))
                    {
                        throw new InvalidEntryException("a payload file is missing", exception);
                    }

                    metadataBytes = again;
                    continue;
                }

                Touch(metadataPath, lastUse);
                Loaded(key, metadataPath, bytesRead + metadataBytes.Length, started);
                return LoadOutcome.Loaded;
            }
        }
        catch (PayloadNotWritableException exception)
        {
            KeepInMemory(exception.Message);
            Discard(key, metadataPath, metadataBytes, exception.Message);
        }
        catch (Exception exception) when (exception is InvalidEntryException or OverflowException or EndOfStreamException or InvalidDataException)
        {
            Discard(key, metadataPath, metadataBytes, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (_logger is { } logger && logger.IsEnabled(LogLevel.Debug))
            {
                MemoLog.Unreadable(logger, _function.Name, metadataPath, exception.Message);
            }
        }

        value = default!;
        return LoadOutcome.Missed;
    }

    /// <summary>
    /// Writes a computed result as an entry, replacing any other of its key: payload first, then the metadata, renamed
    /// into place. Returns the committed entry, or <see langword="null"/> if nothing was written (the result then
    /// lives in memory only).
    /// </summary>
    public WrittenEntry? Save(in TKey key, MemoHash128 hash, TResult value, TimeSpan computeTime)
    {
        if (Volatile.Read(ref _memoryOnly) != 0 || !_store.IsWritable)
        {
            return null;
        }

        long started = Stopwatch.GetTimestamp();
        string hex = hash.ToString();
        string directory = DiskLayout.EntryDirectory(_functionDirectory, hex);
        string metadataPath = Path.Combine(directory, DiskLayout.MetadataName(hex));
        for (int attempt = 0; ; attempt++)
        {
            string writeId = DiskLayout.NewWriteId();
            try
            {
                _store.EnsureDirectory(directory);
                EntryMetadata? previous = TryReadMetadata(metadataPath);
                WrittenPayload payload = _codec.Write(new PayloadTarget(_fileSystem, directory, hash, writeId), value);
                byte[] metadata = EntryMetadataJson.Write(new EntryMetadata
                {
                    Function = _function.Name,
                    CodeVersion = _function.CodeVersion,
                    KeyHash = hex,
                    ResultType = _resultType,
                    Call = CallDescriber.Describe(_function.Name, key),
                    CreatedUtc = _store.Time.GetUtcNow().UtcDateTime,
                    ComputeSeconds = computeTime.TotalSeconds,
                    Format = _codec.Format,
                    Value = payload.Value,
                    Files = payload.Files,
                    Inline = payload.Inline,
                });
                string temporary = Path.Combine(directory, DiskLayout.TemporaryMetadataName(hex, writeId));
                using (IMemoWritableFile file = _fileSystem.CreateNew(temporary, metadata.Length))
                {
                    file.Write(metadata, 0);
                    file.FlushToDisk();
                }

                _fileSystem.Replace(temporary, metadataPath);
                DeleteReplaced(previous, payload, directory, hex);
                long bytes = metadata.Length;
                foreach (PayloadFile file in payload.Files)
                {
                    bytes += file.Bytes;
                }

                MemoMetrics.BytesWritten.Add(bytes, MemoMetrics.Tag(_function));
                if (_logger is { } logger && logger.IsEnabled(LogLevel.Debug))
                {
                    MemoLog.Written(logger, _function.Name, metadataPath, bytes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                _store.RecordWrite(bytes);
                return new WrittenEntry(metadataPath, directory, payload.Files, metadata);
            }
            catch (PayloadNotWritableException exception)
            {
                DeleteWrite(directory, hex, writeId);
                KeepInMemory(exception.Message);
                return null;
            }
            catch (DirectoryNotFoundException) when (attempt == 0)
            {
                // The store's folder was removed under us: create it again, once.
                DeleteWrite(directory, hex, writeId);
                _store.ForgetDirectories();
            }
            catch (FileNotFoundException)
            {
                // A concurrent clear removed this write's files: nothing to commit, the disk is fine.
                DeleteWrite(directory, hex, writeId);
                return null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                DeleteWrite(directory, hex, writeId);
                _store.MarkUnwritable(exception);
                return null;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                DeleteWrite(directory, hex, writeId);
                NotWritten(exception.Message);
                return null;
            }
        }
    }

    /// <summary>
    /// Takes back an entry <see cref="Save"/> committed for a result that was invalidated meanwhile: its metadata if it
    /// is still the current one, and its payload files in any case.
    /// </summary>
    public void Undo(WrittenEntry written)
    {
        try
        {
            if (ReadMetadataBytes(written.MetadataPath) is { } current && current.AsSpan().SequenceEqual(written.Metadata))
            {
                _fileSystem.Delete(written.MetadataPath);
            }

            foreach (PayloadFile file in written.Files)
            {
                _fileSystem.Delete(Path.Combine(written.Directory, file.Name));
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidEntryException)
        {
            // Left for the next write of the key or for pruning.
        }
    }

    /// <summary>Keeps a weak handle on a lazy result that is on disk.</summary>
    public void HoldWeakly(in TKey key, TResult value)
    {
        if (WeakResult<TResult>.Create(value) is { } weak)
        {
            _weakResults![key] = weak;
        }
    }

    /// <summary>Drops the weak handle of <paramref name="key"/>, if any.</summary>
    public void ForgetWeakly(in TKey key) => _weakResults?.TryRemove(key, out _);

    /// <summary>
    /// Whether a result of <paramref name="key"/> is available without computing: a live weak handle, or an entry of
    /// this code, type and format, not expired, whose payload files exist with their recorded lengths (their content
    /// is checked when loaded).
    /// </summary>
    public bool Contains(in TKey key)
    {
        if (_weakResults is not null && _weakResults.TryGetValue(key, out WeakResult<TResult>? weak) && weak.TryGet(out _))
        {
            return true;
        }

        string hex = MemoKeyHash.Of(key).ToString();
        string directory = DiskLayout.EntryDirectory(_functionDirectory, hex);
        try
        {
            if (ReadMetadataBytes(Path.Combine(directory, DiskLayout.MetadataName(hex))) is not { } bytes)
            {
                return false;
            }

            EntryMetadata metadata = EntryMetadataJson.Read(bytes);
            if (Stale(metadata, hex) is not null)
            {
                return false;
            }

            foreach (PayloadFile file in metadata.Files)
            {
                using IMemoReadableFile payload = _fileSystem.OpenRead(Path.Combine(directory, file.Name));
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

    /// <summary>Removes the entry of <paramref name="key"/> (metadata first, then its payload files); returns whether there was one.</summary>
    public bool Remove(in TKey key)
    {
        bool hadWeak = _weakResults is not null && _weakResults.TryRemove(key, out _);
        string hex = MemoKeyHash.Of(key).ToString();
        string directory = DiskLayout.EntryDirectory(_functionDirectory, hex);
        string metadataPath = Path.Combine(directory, DiskLayout.MetadataName(hex));
        try
        {
            EntryMetadata? metadata = TryReadMetadata(metadataPath);
            if (metadata is null && !_fileSystem.FileExists(metadataPath))
            {
                return hadWeak;
            }

            _fileSystem.Delete(metadataPath);
            DeletePayloads(metadata, directory, hex);
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return hadWeak;
        }
    }

    /// <summary>Removes every entry of the function; returns how many were on disk.</summary>
    public long Clear()
    {
        _weakResults?.Clear();
        try
        {
            return _store.ClearFunction(_function.Name);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The metadata file of <paramref name="key"/>'s entry, whether or not it exists; its payload files lie beside it.</summary>
    public string EntryPath(in TKey key)
    {
        string hex = MemoKeyHash.Of(key).ToString();
        return Path.Combine(DiskLayout.EntryDirectory(_functionDirectory, hex), DiskLayout.MetadataName(hex));
    }

    /// <summary>Why a well-formed entry cannot serve this function now, or <see langword="null"/> if it can; throws for a bad entry.</summary>
    private string? Stale(EntryMetadata metadata, string hex)
    {
        if (!string.Equals(metadata.KeyHash, hex, StringComparison.Ordinal))
        {
            throw new InvalidEntryException($"the metadata is for key {metadata.KeyHash}");
        }

        foreach (PayloadFile file in metadata.Files)
        {
            if (!DiskLayout.IsPayloadNameOf(file.Name, hex))
            {
                throw new InvalidEntryException("the metadata names a payload file outside its entry");
            }
        }

        if (!string.Equals(metadata.Function, _function.Name, StringComparison.Ordinal))
        {
            return $"the entry belongs to '{metadata.Function}'";
        }

        if (!string.Equals(metadata.CodeVersion, _function.CodeVersion, StringComparison.Ordinal))
        {
            return $"written by other code (version {metadata.CodeVersion}, now {_function.CodeVersion})";
        }

        if (!string.Equals(metadata.ResultType, _resultType, StringComparison.Ordinal) || !string.Equals(metadata.Format, _codec.Format, StringComparison.Ordinal))
        {
            return $"written as {metadata.Format} {metadata.ResultType}, now {_codec.Format} {_resultType}";
        }

        if (_expiry is { } expiry && metadata.CreatedUtc + expiry < _store.Time.GetUtcNow().UtcDateTime)
        {
            return $"expired (computed {metadata.CreatedUtc:O})";
        }

        return null;
    }

    private byte[]? ReadMetadataBytes(string path) => ReadMetadataBytes(path, out _);

    private byte[]? ReadMetadataBytes(string path, out DateTime lastWriteUtc)
    {
        lastWriteUtc = default;
        IMemoReadableFile file;
        try
        {
            file = _fileSystem.OpenRead(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        using (file)
        {
            if (file.Length > EntryMetadataJson.MaxLength)
            {
                throw new InvalidEntryException($"the metadata has {file.Length} bytes");
            }

            byte[] bytes = new byte[file.Length];
            RawPayloadIO.ReadExactly(file, bytes, 0);
            lastWriteUtc = file.LastWriteTimeUtc;
            return bytes;
        }
    }

    private EntryMetadata? TryReadMetadata(string path)
    {
        try
        {
            return ReadMetadataBytes(path) is { } bytes ? EntryMetadataJson.Read(bytes) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidEntryException)
        {
            return null;
        }
    }

    /// <summary>
    /// Records a use of the entry, for least-recently-used pruning, unless one was recorded within
    /// <see cref="UseResolution"/>: frequent hits of one entry cost no write.
    /// </summary>
    private void Touch(string metadataPath, DateTime lastUseUtc)
    {
        DateTime now = _store.Time.GetUtcNow().UtcDateTime;
        if (now - lastUseUtc < UseResolution && lastUseUtc <= now)
        {
            return;
        }

        try
        {
            _fileSystem.SetLastWriteTimeUtc(metadataPath, now);
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
    private void Discard(in TKey key, string metadataPath, byte[]? metadataBytes, string reason)
    {
        try
        {
            if (metadataBytes is not null)
            {
                byte[]? current = ReadMetadataBytes(metadataPath);
                if (current is null || !current.AsSpan().SequenceEqual(metadataBytes))
                {
                    Missed(key, "the entry changed while it was read");
                    return;
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

            if (_logger is { } logger)
            {
                MemoLog.BadEntry(logger, _function.Name, metadataPath, reason);
            }

            _fileSystem.Delete(metadataPath);
            DeletePayloads(metadata, Path.GetDirectoryName(metadataPath)!, Path.GetFileName(metadataPath)[..DiskLayout.HashLength]);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidEntryException)
        {
            // Cannot remove it (a read-only store): the value is computed, and the write that follows may replace it.
        }
    }

    private void DeletePayloads(EntryMetadata? metadata, string directory, string hex)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (PayloadFile file in metadata.Files)
        {
            if (DiskLayout.IsPayloadNameOf(file.Name, hex))
            {
                _fileSystem.Delete(Path.Combine(directory, file.Name));
            }
        }
    }

    /// <summary>After a commit, removes the payload files of the entry it replaced.</summary>
    private void DeleteReplaced(EntryMetadata? previous, WrittenPayload written, string directory, string hex)
    {
        if (previous is null)
        {
            return;
        }

        try
        {
            foreach (PayloadFile file in previous.Files)
            {
                if (DiskLayout.IsPayloadNameOf(file.Name, hex) && !Names(written, file.Name))
                {
                    _fileSystem.Delete(Path.Combine(directory, file.Name));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for pruning.
        }
    }

    private static bool Names(WrittenPayload written, string name)
    {
        foreach (PayloadFile file in written.Files)
        {
            if (file.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Removes the files of a write that did not commit.</summary>
    private void DeleteWrite(string directory, string hex, string writeId)
    {
        string prefix = $"{hex}.{writeId}.";
        try
        {
            foreach (MemoFileEntry file in _fileSystem.ListFiles(directory))
            {
                if (file.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    _fileSystem.Delete(file.Path);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for pruning, which removes files no metadata names once they are old.
        }
    }

    private void KeepInMemory(string reason)
    {
        if (Interlocked.Exchange(ref _memoryOnly, 1) == 0)
        {
            NotWritten(reason);
        }
    }

    private void NotWritten(string reason)
    {
        if (_logger is { } logger)
        {
            MemoLog.NotPersisted(logger, _function.Name, reason);
        }
    }

    private LoadOutcome Missed(in TKey key, string reason)
    {
        if (_logger is { } logger && logger.IsEnabled(LogLevel.Debug))
        {
            MemoLog.Missed(logger, _function.Name, CallDescriber.Describe(_function.Name, key), reason);
        }

        return LoadOutcome.Missed;
    }

    private void Loaded(in TKey key, string metadataPath, long bytesRead, long started)
    {
        MemoMetrics.BytesRead.Add(bytesRead, MemoMetrics.Tag(_function));
        if (_logger is { } logger && logger.IsEnabled(LogLevel.Debug))
        {
            MemoLog.Loaded(
                logger, _function.Name, CallDescriber.Describe(_function.Name, key), metadataPath, bytesRead, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
