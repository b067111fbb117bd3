using System;
using System.Collections.Generic;
using System.IO;

namespace MemoGen.Disk;

/// <summary>
/// A small entry fetched from a shared tier and held in memory: its metadata bytes and its payload files' bytes, decoded
/// straight from there (<see cref="EntryReader.TryLoadFetched"/>) with the codecs and checks of a local entry,
/// without writing and reading it back. To the codecs it is a read-only file system of the entry's payload files.
/// </summary>
internal sealed class FetchedEntry : IMemoFileSystem
{
    private readonly Dictionary<string, Payload> _payloads = new(StringComparer.Ordinal);

    /// <summary>The entry of <paramref name="paths"/>, its payload files to be added.</summary>
    public FetchedEntry(EntryPaths paths) => Paths = paths;

    /// <summary>Where the entry would live locally (its payload files are looked up by these paths).</summary>
    public EntryPaths Paths { get; }

    /// <summary>The metadata bytes, once committed.</summary>
    public byte[]? Metadata { get; private set; }

    /// <summary>The payload files' paths and bytes.</summary>
    public IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> Payloads
    {
        get
        {
            foreach ((string path, Payload payload) in _payloads)
            {
                yield return new(path, payload.Bytes);
            }
        }
    }

    /// <summary>Adds the payload file at <paramref name="path"/> of <paramref name="length"/> bytes; the caller fills it.</summary>
    public IMemoWritableFile Add(string path, long length)
    {
        var payload = new Payload(new byte[length]);
        if (!_payloads.TryAdd(path, payload))
        {
            throw new IOException($"The fetched entry names the file '{path}' twice.");
        }

        return payload;
    }

    /// <summary>Completes the entry with its metadata, which it keeps (the caller does not change it).</summary>
    public void Commit(byte[] metadata) => Metadata = metadata;

    /// <inheritdoc />
    public IMemoReadableFile OpenRead(string path) =>
        _payloads.TryGetValue(path, out Payload? payload) ? payload : throw new FileNotFoundException("The fetched entry holds no such file.", path);

    /// <inheritdoc />
    public bool FileExists(string path) => _payloads.ContainsKey(path);

    /// <inheritdoc />
    public IReadOnlyList<MemoFileEntry> ListFiles(string directory) => [];

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory) => [];

    /// <inheritdoc />
    public IMemoWritableFile CreateNew(string path, long expectedLength) => throw ReadOnly();

    /// <inheritdoc />
    public void FlushToDisk(string path) => throw ReadOnly();

    /// <inheritdoc />
    public void Replace(string source, string destination) => throw ReadOnly();

    /// <inheritdoc />
    public void Delete(string path) => throw ReadOnly();

    /// <inheritdoc />
    public void CreateDirectory(string path) => throw ReadOnly();

    /// <inheritdoc />
    public void SetLastWriteTimeUtc(string path, DateTime time) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("A fetched entry held in memory is read-only.");

    /// <summary>One payload file's bytes: written once by the fetch, then read by the codec.</summary>
    private sealed class Payload(byte[] data) : IMemoWritableFile, IMemoReadableFile
    {
        public ReadOnlyMemory<byte> Bytes => data;

        public long Length => data.Length;

        public DateTime LastWriteTimeUtc => DateTime.UtcNow;

        public void Write(ReadOnlySpan<byte> bytes, long offset) => bytes.CopyTo(data.AsSpan(checked((int)offset)));

        public int Read(Span<byte> buffer, long offset)
        {
            if (offset >= data.Length)
            {
                return 0;
            }

            int count = (int)Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan((int)offset, count).CopyTo(buffer);
            return count;
        }

        public MemoMappedView Map(long offset, long length) => throw new NotSupportedException("A fetched entry held in memory cannot be mapped.");

        public void FlushToDisk()
        {
        }

        public void Dispose()
        {
        }
    }
}
