using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Enumeration;
using System.IO.MemoryMappedFiles;
using Microsoft.Win32.SafeHandles;

namespace MemoGen.Disk;

/// <summary>The real file system: <see cref="SafeFileHandle"/>s and <see cref="RandomAccess"/>, no buffering.</summary>
internal sealed class PhysicalFileSystem : IMemoFileSystem
{
    private PhysicalFileSystem()
    {
    }

    /// <summary>The one instance.</summary>
    public static PhysicalFileSystem Instance { get; } = new();

    /// <inheritdoc />
    public IMemoReadableFile OpenRead(string path)
    {
        // A cache file is never a link: one could point anywhere outside the folder. The link itself may be deleted.
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new InvalidEntryException($"{path} is a symbolic link");
        }

        return new ReadableFile(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
    }

    /// <inheritdoc />
    public IMemoWritableFile CreateNew(string path, long expectedLength) =>
        new WritableFile(File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, expectedLength));

    /// <inheritdoc />
    public void FlushToDisk(string path)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.FlushToDisk(handle);
    }

    /// <inheritdoc />
    public void Replace(string source, string destination) => File.Move(source, destination, overwrite: true);

    /// <inheritdoc />
    public void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <inheritdoc />
    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc />
    public IReadOnlyList<MemoFileEntry> ListFiles(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = new FileSystemEnumerable<MemoFileEntry>(
            directory,
            static (ref FileSystemEntry entry) => new MemoFileEntry(
                entry.ToFullPath(), entry.FileName.ToString(), entry.Length, entry.LastWriteTimeUtc.UtcDateTime),
            new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory,
        };
        try
        {
            return [.. files];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListDirectories(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        // A linked folder is skipped: pruning and clearing must never list, and so delete, files outside the store.
        var directories = new FileSystemEnumerable<string>(
            directory,
            static (ref FileSystemEntry entry) => entry.ToFullPath(),
            new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => entry.IsDirectory,
        };
        try
        {
            return [.. directories];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    /// <inheritdoc />
    public void SetLastWriteTimeUtc(string path, DateTime time) => File.SetLastWriteTimeUtc(path, time);

    private sealed class ReadableFile(SafeFileHandle handle) : IMemoReadableFile
    {
        public long Length { get; } = RandomAccess.GetLength(handle);

        public DateTime LastWriteTimeUtc => File.GetLastWriteTimeUtc(handle);

        public int Read(Span<byte> buffer, long offset) => RandomAccess.Read(handle, buffer, offset);

        public MemoMappedView Map(long offset, long length)
        {
            using MemoryMappedFile file = MemoryMappedFile.CreateFromFile(
                handle, mapName: null, capacity: 0, MemoryMappedFileAccess.CopyOnWrite, HandleInheritability.None, leaveOpen: true);
            MemoryMappedViewAccessor accessor = file.CreateViewAccessor(offset, length, MemoryMappedFileAccess.CopyOnWrite);
            return new MemoMappedView(accessor, length);
        }

        public void Dispose() => handle.Dispose();
    }

    private sealed class WritableFile(SafeFileHandle handle) : IMemoWritableFile
    {
        public void Write(ReadOnlySpan<byte> data, long offset) => RandomAccess.Write(handle, data, offset);

        public void FlushToDisk() => RandomAccess.FlushToDisk(handle);

        public void Dispose() => handle.Dispose();
    }
}
