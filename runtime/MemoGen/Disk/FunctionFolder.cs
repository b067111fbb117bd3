using System;
using System.IO;
using System.Threading;
using MemoGen.Diagnostics;
using MemoGen.Infrastructure;

namespace MemoGen.Disk;

/// <summary>
/// One function's folder in the disk store and what its entry reader and writer share: the paths, the format and
/// result type its entries record, the metadata file reads, and the switch to memory only when the function's results
/// cannot be written. Not generic: ReadyToRun precompiles it, whatever the function's result type.
/// </summary>
internal sealed class FunctionFolder
{
    private int _memoryOnly;

    /// <summary>The folder of <paramref name="function"/> in <paramref name="store"/>, whose entries are written in <paramref name="format"/>.</summary>
    public FunctionFolder(MemoFunction function, DiskStore store, string format, Type resultType)
    {
        Function = function;
        Store = store;
        Format = format;
        ResultType = resultType.ToString();
        Directory = store.FunctionDirectory(function.Name);
    }

    /// <summary>The function whose entries these are.</summary>
    public MemoFunction Function { get; }

    /// <summary>The store the folder is part of.</summary>
    public DiskStore Store { get; }

    /// <summary>The I/O seam.</summary>
    public IMemoFileSystem FileSystem => Store.FileSystem;

    /// <summary>The format entries record: the codec's <see cref="IPayloadCodec.Format"/>.</summary>
    public string Format { get; }

    /// <summary>The function's folder.</summary>
    public string Directory { get; }

    /// <summary>The result type as the metadata records it.</summary>
    public string ResultType { get; }

    /// <summary>Where warnings and traces go, if anywhere.</summary>
    public MemoLogger? Logger => Store.Logger;

    /// <summary>Whether this function's results stay in memory only (its payloads cannot be written).</summary>
    public bool IsMemoryOnly => Volatile.Read(ref _memoryOnly) != 0;

    /// <summary>Where the entry of <paramref name="hash"/> lives.</summary>
    public EntryPaths Paths(MemoHash128 hash) => EntryPaths.For(Directory, hash);

    /// <summary>Keeps this function's results in memory only from now on, with one warning.</summary>
    public void KeepInMemory(string reason)
    {
        if (Interlocked.Exchange(ref _memoryOnly, 1) == 0)
        {
            NotWritten(reason);
        }
    }

    /// <summary>Warns that a result was not written.</summary>
    public void NotWritten(string reason)
    {
        if (Logger?.Logger is { } logger)
        {
            MemoLog.NotPersisted(logger, Function.Name, reason);
        }
    }

    /// <summary>The bytes of a metadata file, or <see langword="null"/> if there is none; throws for one too large to be valid.</summary>
    public byte[]? ReadMetadataBytes(string path) => ReadMetadataBytes(path, out _);

    /// <summary>The bytes of a metadata file and when it was last written (its last use), or <see langword="null"/> if there is none.</summary>
    public byte[]? ReadMetadataBytes(string path, out DateTime lastWriteUtc)
    {
        lastWriteUtc = default;
        if (!FileSystem.FileExists(path))
        {
            return null; // A miss is the normal path of a first call and of a fetch: a probe, not a thrown exception.
        }

        IMemoReadableFile file;
        try
        {
            file = FileSystem.OpenRead(path);
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

    /// <summary>The metadata of an entry, or <see langword="null"/> if there is none or it cannot be read.</summary>
    public EntryMetadata? TryReadMetadata(string path)
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

    /// <summary>Deletes the payload files <paramref name="metadata"/> names, if they belong to the entry.</summary>
    public void DeletePayloads(EntryMetadata? metadata, EntryPaths paths)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (PayloadFile file in metadata.Files)
        {
            if (paths.IsPayloadName(file.Name))
            {
                FileSystem.Delete(paths.PayloadPath(file.Name));
            }
        }
    }
}
