using System;
using System.Diagnostics;
using System.IO;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// One function's part of the disk store, used by its table on a memory miss (inside the single-flight computation)
/// and by the handle operations: reading (<see cref="EntryReader"/>, with the function's <see cref="IPayloadCodec"/>),
/// writing (<see cref="EntryWriter"/>) and, with the <c>"lazy"</c> policy, weak handles
/// (<see cref="WeakResults{TResult}"/>). Never throws at a caller: a bad entry is logged, removed and computed
/// again; a failing disk turns the store to memory only, with one warning.
/// </summary>
/// <remarks>
/// Generic over neither the key nor the result: entries and weak handles are addressed by the call's stable key hash,
/// and values pass through the codec as objects, so ReadyToRun precompiles the tier for every function. The typed steps
/// are small generic methods: handing out a loaded value as the result type, holding a lazy result weakly, and
/// describing a call (for the metadata and the debug log), which takes the key.
/// </remarks>
internal sealed class DiskTier
{
    private readonly FunctionFolder _folder;
    private readonly IPayloadCodec _codec;
    private readonly EntryReader _reader;
    private readonly EntryWriter _writer;
    private readonly WeakResults? _weakResults;

    /// <summary>
    /// The disk tier of <paramref name="function"/> in <paramref name="store"/>, whose results are <paramref name="resultType"/>;
    /// with <paramref name="weakResults"/> (of that type), the <c>"lazy"</c> policy.
    /// </summary>
    public DiskTier(
        MemoFunction function, DiskStore store, IPayloadCodec codec, Type resultType, TimeSpan? expiry, WeakResults? weakResults, ISharedTier? shared = null)
    {
        Shared = shared;
        _folder = new FunctionFolder(function, store, codec.Format, resultType);
        _codec = codec;
        _reader = new EntryReader(_folder, expiry);
        _writer = new EntryWriter(_folder, codec);
        _weakResults = weakResults;
    }

    /// <summary>Whether memory keeps only weak handles on results written to disk (the <c>"lazy"</c> policy).</summary>
    public bool IsLazy => _weakResults is not null;

    /// <summary>The store shared across machines behind this one, if any.</summary>
    public ISharedTier? Shared { get; }

    /// <summary>The function whose entries these are.</summary>
    public MemoFunction Function => _folder.Function;

    /// <summary>
    /// Starts writing an entry fetched from the shared tier into the local store (only to load it, when
    /// <paramref name="staged"/>); a small one may be held in memory instead, unless results are mapped.
    /// </summary>
    public FetchTarget BeginFetch(MemoHash128 hash, bool staged) => _writer.BeginFetch(hash, staged);

    /// <summary>Where the entry of <paramref name="hash"/> lives.</summary>
    public EntryPaths Paths(MemoHash128 hash) => _folder.Paths(hash);

    /// <summary>Whether loads are logged at debug level: then the caller passes each outcome to <see cref="Trace"/>.</summary>
    public bool IsTracing => _folder.Logger is { IsDebugEnabled: true };

    /// <summary>
    /// Answers a memory miss: from a lazy result's weak handle, or from a valid entry on disk. If <see cref="IsTracing"/>,
    /// the caller hands the outcome and <paramref name="trace"/> to <see cref="Trace"/>. The codec hands back a value
    /// of the function's result type, boxed if it is a value type.
    /// </summary>
    public LoadOutcome TryLoad<TResult>(MemoHash128 hash, out TResult value, out LoadTrace trace)
    {
        if (_weakResults is not null && ((WeakResults<TResult>)_weakResults).TryRecall(hash, out value))
        {
            trace = default;
            return LoadOutcome.Recalled;
        }

        LoadOutcome outcome = _reader.TryLoad(hash, _codec, out object? loaded, out trace);
        value = outcome == LoadOutcome.Loaded ? (TResult)loaded! : default!;
        return outcome;
    }

    /// <summary>Loads the entry of <paramref name="hash"/> from disk only (after a shared tier fetched it), and traces it.</summary>
    public LoadOutcome TryLoadFromDisk<TKey, TResult>(in TKey key, MemoHash128 hash, out TResult value)
        where TKey : struct, IMemoKey<TKey>
    {
        LoadOutcome outcome = _reader.TryLoad(hash, _codec, out object? loaded, out LoadTrace trace);
        if (IsTracing)
        {
            Trace(key, outcome, trace);
        }

        value = outcome == LoadOutcome.Loaded ? (TResult)loaded! : default!;
        return outcome;
    }

    /// <summary>Loads a fetched entry held in memory, decoded from its bytes with the checks of a local entry, and traces it.</summary>
    public LoadOutcome TryLoadFetched<TKey, TResult>(in TKey key, MemoHash128 hash, FetchedEntry fetched, out TResult value)
        where TKey : struct, IMemoKey<TKey>
    {
        LoadOutcome outcome = _reader.TryLoadFetched(hash, fetched, _codec, out object? loaded, out LoadTrace trace);
        if (IsTracing)
        {
            Trace(key, outcome, trace);
        }

        value = outcome == LoadOutcome.Loaded ? (TResult)loaded! : default!;
        return outcome;
    }

    /// <summary>Writes a computed result as an entry; returns it, or <see langword="null"/> if nothing was written.</summary>
    public WrittenEntry? Save<TKey, TResult>(in TKey key, MemoHash128 hash, TResult value, TimeSpan computeTime)
        where TKey : struct, IMemoKey<TKey> =>
        _writer.Save(CallDescriber.Describe(Function, key), hash, value, computeTime);

    /// <summary>Takes back an entry written for a result that was invalidated meanwhile.</summary>
    public void Undo(WrittenEntry written) => _writer.Undo(written);

    /// <summary>Keeps a weak handle on a lazy result that is on disk.</summary>
    public void HoldWeakly<TResult>(MemoHash128 hash, TResult value) => ((WeakResults<TResult>)_weakResults!).Hold(hash, value);

    /// <summary>Drops the weak handle of <paramref name="hash"/>, if any.</summary>
    public void ForgetWeakly(MemoHash128 hash) => _weakResults?.Forget(hash);

    /// <summary>Whether a result of <paramref name="hash"/> is available without computing: a live weak handle, or a usable entry.</summary>
    public bool Contains(MemoHash128 hash) =>
        (_weakResults is not null && _weakResults.IsAlive(hash)) || _reader.Contains(hash);

    /// <summary>Removes the entry of <paramref name="hash"/> (metadata first, then its payload files); returns whether there was one.</summary>
    public bool Remove(MemoHash128 hash)
    {
        bool hadWeak = _weakResults is not null && _weakResults.Forget(hash);
        EntryPaths paths = _folder.Paths(hash);
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

    /// <summary>The metadata file of <paramref name="hash"/>'s entry, whether or not it exists; its payload files lie beside it.</summary>
    public string EntryPath(MemoHash128 hash) => _folder.Paths(hash).MetadataPath;

    /// <summary>Logs a load's outcome at debug level (call only if <see cref="IsTracing"/>).</summary>
    public void Trace<TKey>(in TKey key, LoadOutcome outcome, in LoadTrace trace)
        where TKey : struct, IMemoKey<TKey>
    {
        if (_folder.Logger?.Logger is not { } logger)
        {
            return;
        }

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
