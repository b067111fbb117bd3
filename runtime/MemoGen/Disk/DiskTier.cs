using System;
using System.Diagnostics;
using System.IO;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;
using Microsoft.Extensions.Logging;

namespace MemoGen.Disk;

/// <summary>
/// One function's part of the disk store, used by its table on a memory miss (inside the single-flight computation)
/// and by the handle operations: reading (<see cref="EntryReader"/>, with the typed <see cref="IPayloadCodec{TResult}"/>), writing
/// (<see cref="EntryWriter{TResult}"/>) and, with the <c>"lazy"</c> policy, weak handles
/// (<see cref="WeakResults{TKey, TResult}"/>). Never throws at a caller: a bad entry is logged, removed and computed
/// again; a failing disk turns the store to memory only, with one warning.
/// </summary>
internal sealed class DiskTier<TKey, TResult>
    where TKey : struct, IMemoKey<TKey>
{
    private readonly FunctionFolder _folder;
    private readonly IPayloadCodec<TResult> _codec;
    private readonly EntryReader _reader;
    private readonly EntryWriter<TResult> _writer;
    private readonly WeakResults<TKey, TResult>? _weakResults;

    /// <summary>The disk tier of <paramref name="function"/> in <paramref name="store"/>.</summary>
    public DiskTier(MemoFunction function, DiskStore store, IPayloadCodec<TResult> codec, TimeSpan? expiry, bool lazy, ISharedTier? shared = null)
    {
        Shared = shared;
        _folder = new FunctionFolder(function, store, codec.Format, typeof(TResult));
        _codec = codec;
        _reader = new EntryReader(_folder, expiry);
        _writer = new EntryWriter<TResult>(_folder, codec);
        _weakResults = lazy ? new WeakResults<TKey, TResult>() : null;
    }

    /// <summary>Whether memory keeps only weak handles on results written to disk (the <c>"lazy"</c> policy).</summary>
    public bool IsLazy => _weakResults is not null;

    /// <summary>The store shared across machines behind this one, if any.</summary>
    public ISharedTier? Shared { get; }

    /// <summary>The function whose entries these are.</summary>
    public MemoFunction Function => _folder.Function;

    /// <summary>Starts writing an entry fetched from the shared tier into the local store.</summary>
    public FetchTarget BeginFetch(MemoHash128 hash) => _writer.BeginFetch(hash);

    /// <summary>Where the entry of <paramref name="hash"/> lives.</summary>
    public EntryPaths Paths(MemoHash128 hash) => _folder.Paths(hash);

    /// <summary>Answers a memory miss: from a lazy result's weak handle, or from a valid entry on disk.</summary>
    public LoadOutcome TryLoad(in TKey key, MemoHash128 hash, out TResult value)
    {
        if (_weakResults is not null && _weakResults.TryRecall(key, out value))
        {
            return LoadOutcome.Recalled;
        }

        return TryLoadFromDisk(key, hash, out value);
    }

    /// <summary>Loads the entry of <paramref name="hash"/> from disk only (after a shared tier fetched it).</summary>
    public LoadOutcome TryLoadFromDisk(in TKey key, MemoHash128 hash, out TResult value)
    {
        LoadOutcome outcome = _reader.TryLoad(hash, _codec, out value, out LoadTrace trace);
        if (_folder.Logger is { } logger && logger.IsEnabled(LogLevel.Debug))
        {
            Trace(logger, key, outcome, trace);
        }

        return outcome;
    }

    /// <summary>Writes a computed result as an entry; returns it, or <see langword="null"/> if nothing was written.</summary>
    public WrittenEntry? Save(in TKey key, MemoHash128 hash, TResult value, TimeSpan computeTime) =>
        _writer.Save(CallDescriber.Describe(Function, key), hash, value, computeTime);

    /// <summary>Takes back an entry written for a result that was invalidated meanwhile.</summary>
    public void Undo(WrittenEntry written) => _writer.Undo(written);

    /// <summary>Keeps a weak handle on a lazy result that is on disk.</summary>
    public void HoldWeakly(in TKey key, TResult value) => _weakResults!.Hold(key, value);

    /// <summary>Drops the weak handle of <paramref name="key"/>, if any.</summary>
    public void ForgetWeakly(in TKey key) => _weakResults?.Forget(key);

    /// <summary>Whether a result of <paramref name="key"/> is available without computing: a live weak handle, or a usable entry.</summary>
    public bool Contains(in TKey key) =>
        (_weakResults is not null && _weakResults.IsAlive(key)) || _reader.Contains(MemoKeyHash.Of(key));

    /// <summary>Removes the entry of <paramref name="key"/> (metadata first, then its payload files); returns whether there was one.</summary>
    public bool Remove(in TKey key)
    {
        bool hadWeak = _weakResults is not null && _weakResults.Forget(key);
        EntryPaths paths = _folder.Paths(MemoKeyHash.Of(key));
        try
        {
            EntryMetadata? metadata = _folder.TryReadMetadata(paths.MetadataPath);
            if (metadata is null && !_folder.FileSystem.FileExists(paths.MetadataPath))
            {
                return hadWeak;
            }

            _folder.FileSystem.Delete(paths.MetadataPath);
            _folder.DeletePayloads(metadata, paths);
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
            return _folder.Store.ClearFunction(_folder.Function.Name);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>The metadata file of <paramref name="key"/>'s entry, whether or not it exists; its payload files lie beside it.</summary>
    public string EntryPath(in TKey key) => _folder.Paths(MemoKeyHash.Of(key)).MetadataPath;

    private void Trace(ILogger logger, in TKey key, LoadOutcome outcome, in LoadTrace trace)
    {
        string name = Function.Name;
        if (outcome == LoadOutcome.Loaded)
        {
            MemoLog.Loaded(
                logger, name, CallDescriber.Describe(Function, key), trace.MetadataPath!, trace.BytesRead, Stopwatch.GetElapsedTime(trace.Started).TotalMilliseconds);
        }
        else if (trace.MissReason is { } reason)
        {
            MemoLog.Missed(logger, name, CallDescriber.Describe(Function, key), reason);
        }
    }
}
