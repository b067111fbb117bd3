using System;
using System.Collections.Generic;
using System.IO;

namespace MemoGen.Disk;

/// <summary>
/// Where a shared tier writes an entry it fetched into the local store: its payload files (under the names its
/// metadata gives them), then the metadata, committed by the same rename as a local write but not flushed (the copy can
/// be fetched again; a torn one fails its checksum on load), so a failure never leaves an entry that reads as valid. Disposing an uncommitted target deletes what it wrote.
/// A small entry is instead held in memory (<see cref="TryHoldInMemory"/>) and decoded from its bytes; when a local
/// store keeps it, <see cref="WriteThrough"/> then writes it there.
/// </summary>
internal sealed class FetchTarget : IDisposable
{
    /// <summary>The most payload bytes of an entry held in memory rather than staged in files.</summary>
    public const long MaxInMemoryBytes = 1024 * 1024;

    private readonly IMemoFileSystem _fileSystem;
    private readonly EntryWriterCommit _commit;
    private readonly bool _mayHoldInMemory;
    private readonly bool _keptLocally;
    private readonly List<string> _created = [];
    private bool _committed;

    internal FetchTarget(EntryPaths paths, IMemoFileSystem fileSystem, EntryWriterCommit commit, bool mayHoldInMemory = false, bool keptLocally = true)
    {
        Paths = paths;
        _fileSystem = fileSystem;
        _commit = commit;
        _mayHoldInMemory = mayHoldInMemory;
        _keptLocally = keptLocally;
    }

    /// <summary>The entry being written.</summary>
    public EntryPaths Paths { get; }

    /// <summary>The entry held in memory, if <see cref="TryHoldInMemory"/> chose to; complete once committed.</summary>
    public FetchedEntry? InMemory { get; private set; }

    /// <summary>
    /// Called before the first payload file: holds the entry in memory instead of writing files if this target may
    /// (results are not mapped) and its payload files total at most
    /// <see cref="MaxInMemoryBytes"/>. Returns whether it does.
    /// </summary>
    public bool TryHoldInMemory(long payloadBytes)
    {
        if (_mayHoldInMemory && payloadBytes <= MaxInMemoryBytes && _created.Count == 0)
        {
            InMemory ??= new FetchedEntry(Paths);
        }

        return InMemory is not null;
    }

    /// <summary>Creates the payload file <paramref name="name"/> (a payload name of this entry) of <paramref name="length"/> bytes; the caller writes and disposes it.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a payload name of this entry.</exception>
    public IMemoWritableFile CreatePayload(string name, long length)
    {
        if (!Paths.IsPayloadName(name))
        {
            throw new ArgumentException($"'{name}' is not a payload file name of entry {Paths.KeyHash}.", nameof(name));
        }

        string path = Paths.PayloadPath(name);
        if (InMemory is { } held)
        {
            return held.Add(path, length);
        }

        IMemoWritableFile file = _fileSystem.CreateNew(path, length);
        _created.Add(path);
        return file;
    }

    /// <summary>Commits the entry as <see cref="Commit(ReadOnlySpan{byte})"/> does; one held in memory keeps <paramref name="metadata"/> itself.</summary>
    public void Commit(byte[] metadata)
    {
        if (InMemory is { } held)
        {
            held.Commit(metadata);
            return;
        }

        Commit(metadata.AsSpan());
    }

    /// <summary>Commits the entry (held in memory: completes it): writes <paramref name="metadata"/> and renames it into place, then removes the payloads of the entry it replaced.</summary>
    public void Commit(ReadOnlySpan<byte> metadata)
    {
        if (InMemory is { } held)
        {
            held.Commit(metadata.ToArray());
            return;
        }

        _commit(Paths, metadata);
        _committed = true;
    }

    /// <summary>
    /// Writes an entry held in memory, once it decoded, into the local store that keeps it (payload files, then the
    /// committed metadata); does nothing for a staged one, which no local store keeps.
    /// </summary>
    public void WriteThrough()
    {
        if (!_keptLocally || _committed || InMemory is not { Metadata: { } metadata } held)
        {
            return;
        }

        foreach ((string path, ReadOnlyMemory<byte> bytes) in held.Payloads)
        {
            using IMemoWritableFile file = _fileSystem.CreateNew(path, bytes.Length);
            _created.Add(path);
            file.Write(bytes.Span, 0);
        }

        _commit(Paths, metadata);
        _committed = true;
    }

    /// <summary>
    /// Deletes the committed entry (its metadata first, then the payload files written here) once it is loaded: a staged
    /// copy, which the shared tier keeps. Files already gone (a load that found the entry invalid removes it) are skipped.
    /// </summary>
    public void DeleteCommitted()
    {
        if (_committed)
        {
            Delete(Paths.MetadataPath);
            DeleteCreated();
        }
    }

    /// <summary>Deletes the payload files written so far, unless the entry was committed.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            DeleteCreated();
        }
    }

    private void DeleteCreated()
    {
        foreach (string path in _created)
        {
            Delete(path);
        }

        _created.Clear();
    }

    private void Delete(string path)
    {
        try
        {
            _fileSystem.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for pruning, which removes files no metadata names once they are old.
        }
    }
}

/// <summary>Commits fetched metadata for <see cref="FetchTarget"/>.</summary>
internal delegate void EntryWriterCommit(EntryPaths paths, ReadOnlySpan<byte> metadata);
