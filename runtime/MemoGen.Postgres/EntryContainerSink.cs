using System;
using System.IO;
using MemoGen.Disk;

namespace MemoGen.Postgres;

/// <summary>
/// A write-only stream that unpacks an <see cref="EntryContainer"/> into a local entry as its bytes arrive: the header is
/// gathered, each payload file is created through the <see cref="FetchTarget"/> and filled, and <see cref="Commit"/>
/// renames the metadata into place once every byte came. Nothing reads as an entry before that.
/// </summary>
internal sealed class EntryContainerSink(FetchTarget target) : Stream
{
    private readonly MemoryStream _header = new();
    private byte[]? _metadata;
    private (string Name, long Length)[] _files = [];
    private int _fileIndex;
    private long _fileOffset;
    private IMemoWritableFile? _file;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Commits the entry; <see cref="InvalidDataException"/> when the container ended early.</summary>
    public void Commit()
    {
        OpenFilesUpToData();
        if (_metadata is null || _fileIndex < _files.Length)
        {
            throw new InvalidDataException("The shared entry ended before all of its files.");
        }

        target.Commit(_metadata);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_metadata is null)
        {
            buffer = GatherHeader(buffer);
        }

        while (!buffer.IsEmpty)
        {
            OpenFilesUpToData();
            if (_file is null)
            {
                throw new InvalidDataException("The shared entry holds more bytes than its files.");
            }

            int take = (int)Math.Min(buffer.Length, _files[_fileIndex].Length - _fileOffset);
            _file.Write(buffer[..take], _fileOffset);
            _fileOffset += take;
            buffer = buffer[take..];
            OpenFilesUpToData();
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _file?.Dispose();
            _file = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>Adds bytes to the header until it parses; returns the bytes after it.</summary>
    private ReadOnlySpan<byte> GatherHeader(ReadOnlySpan<byte> buffer)
    {
        if (_header.Length == 0 && EntryContainer.TryReadHeader(buffer, out byte[] whole, out var wholeFiles, out int headerLength))
        {
            // The usual case: the first write holds the whole header, which needs no copy.
            Begin(whole, wholeFiles);
            return buffer[headerLength..];
        }

        long before = _header.Length;
        _header.Write(buffer);
        if (_header.Length > EntryContainer.MaxHeaderBytes * 2L)
        {
            throw new InvalidDataException("The shared entry's container header is too large.");
        }

        if (!EntryContainer.TryReadHeader(_header.GetBuffer().AsSpan(0, (int)_header.Length), out byte[] metadata, out var files, out int consumed))
        {
            return [];
        }

        Begin(metadata, files);
        return buffer[(int)(consumed - before)..];
    }

    /// <summary>Takes the parsed header; the target learns the entry's size before its first file.</summary>
    private void Begin(byte[] metadata, (string Name, long Length)[] files)
    {
        _metadata = metadata;
        _files = files;
        long payloadBytes = 0;
        foreach ((_, long length) in files)
        {
            payloadBytes += length;
        }

        target.TryHoldInMemory(payloadBytes);
    }

    /// <summary>Finishes a full file and opens the next one; empty files are created and finished at once.</summary>
    private void OpenFilesUpToData()
    {
        while (_metadata is not null && _fileIndex < _files.Length)
        {
            if (_file is null)
            {
                _file = target.CreatePayload(_files[_fileIndex].Name, _files[_fileIndex].Length);
                _fileOffset = 0;
            }

            if (_fileOffset < _files[_fileIndex].Length)
            {
                return;
            }

            // Not flushed: a fetched entry can be fetched again, and a torn one fails its checksum and is discarded.
            _file.Dispose();
            _file = null;
            _fileIndex++;
        }
    }
}
