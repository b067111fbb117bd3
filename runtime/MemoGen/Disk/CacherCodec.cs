using System;
using System.Collections.Generic;
using System.IO;
using MemoGen.Hashing;

namespace MemoGen.Disk;

/// <summary>
/// Writes values through a user's <see cref="IMemoCacher{T}"/>: it writes <c>&lt;hash&gt;.&lt;id&gt;.cacher</c> and any files
/// whose names start with that; the store checksums and flushes them and lists them in the metadata.
/// </summary>
internal sealed class CacherCodec<TResult> : IPayloadCodec
{
    private const string Extension = "cacher";

    private readonly IMemoCacher<TResult> _cacher;

    /// <summary>A codec that writes through <paramref name="cacher"/>, registered for <paramref name="functionName"/>.</summary>
    public CacherCodec(IMemoCacher<TResult> cacher, string functionName)
    {
        _cacher = cacher;
        Format = "cacher:" + functionName;
    }

    /// <inheritdoc />
    public string Format { get; }

    /// <inheritdoc />
    public WrittenPayload Write(in PayloadTarget target, object? value)
    {
        string path = target.PathOf(Extension);
        string prefix = Path.GetFileName(path);
        try
        {
            _cacher.Save(path, (TResult)value!);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            DeleteWritten(target, prefix);
            throw new PayloadNotWritableException($"the cacher failed to save: {exception.Message}", exception);
        }

        var files = new List<PayloadFile>();
        string hash = target.Key.ToString();
        foreach (MemoFileEntry entry in target.FileSystem.ListFiles(target.Directory))
        {
            if (entry.Name.StartsWith(prefix, StringComparison.Ordinal) && DiskLayout.IsPayloadNameOf(entry.Name, hash))
            {
                target.FileSystem.FlushToDisk(entry.Path);
                using IMemoReadableFile file = target.FileSystem.OpenRead(entry.Path);
                files.Add(new PayloadFile(entry.Name, file.Length, 0, RawPayloadIO.ChecksumOf(file, 0)));
            }
        }

        if (files.Count == 0)
        {
            throw new PayloadNotWritableException($"the cacher wrote no file at {path}");
        }

        files.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new WrittenPayload(files, Format);
    }

    /// <inheritdoc />
    public object? Read(in PayloadSource source, EntryMetadata metadata, out long bytesRead)
    {
        if (metadata.Files.Count == 0 || metadata.Inline is not null)
        {
            throw new InvalidEntryException("a cacher entry lists no file");
        }

        bytesRead = 0;
        string prefix = metadata.Files[0].Name[..(DiskLayout.HashLength + 1 + DiskLayout.WriteIdLength + 1)] + Extension;
        foreach (PayloadFile expected in metadata.Files)
        {
            if (!expected.Name.StartsWith(prefix, StringComparison.Ordinal) || expected.ChecksumOffset != 0)
            {
                throw new InvalidEntryException("a cacher entry lists files of several writes");
            }

            using IMemoReadableFile file = source.FileSystem.OpenRead(source.PathOf(expected));
            if (file.Length != expected.Bytes)
            {
                throw new InvalidEntryException($"the payload file {expected.Name} has {file.Length} bytes, not {expected.Bytes}");
            }

            if (RawPayloadIO.ChecksumOf(file, 0) != expected.Checksum)
            {
                throw new InvalidEntryException($"the payload file {expected.Name} does not match its checksum");
            }

            bytesRead += file.Length;
        }

        TResult value;
        try
        {
            value = _cacher.Load(Path.Combine(source.Directory, prefix));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new InvalidEntryException($"the cacher failed to load: {exception.Message}", exception);
        }

        MemoProvenance.Register(value, source.Function, source.Key);
        return value;
    }

    private static void DeleteWritten(PayloadTarget target, string prefix)
    {
        try
        {
            foreach (MemoFileEntry entry in target.FileSystem.ListFiles(target.Directory))
            {
                if (entry.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    target.FileSystem.Delete(entry.Path);
                }
            }
        }
        catch (IOException)
        {
            // Left for pruning, which removes files no metadata names.
        }
    }
}
