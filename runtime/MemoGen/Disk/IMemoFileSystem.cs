using System;
using System.Collections.Generic;

namespace MemoGen.Disk;

/// <summary>
/// The narrow seam through which the disk store does all its I/O, so that tests can count reads and inject faults
/// (a write that fails midway, a rename that fails, a short read, a file that vanishes).
/// </summary>
/// <remarks>
/// Missing files and folders are reported with <see cref="System.IO.FileNotFoundException"/> or
/// <see cref="System.IO.DirectoryNotFoundException"/>; other failures with <see cref="System.IO.IOException"/> or
/// <see cref="UnauthorizedAccessException"/>.
/// </remarks>
internal interface IMemoFileSystem
{
    /// <summary>
    /// Opens an existing file for reading; others may read, replace or delete it meanwhile. A symbolic link is refused
    /// with <see cref="InvalidEntryException"/>, so the store removes it as a bad entry.
    /// </summary>
    IMemoReadableFile OpenRead(string path);

    /// <summary>Creates a new file for writing; fails if it exists.</summary>
    /// <param name="path">The file to create.</param>
    /// <param name="expectedLength">The length the file will have, so the system can reserve it; 0 if unknown.</param>
    IMemoWritableFile CreateNew(string path, long expectedLength);

    /// <summary>Flushes a file that was written by other code (a cacher) to the storage device.</summary>
    void FlushToDisk(string path);

    /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/>, atomically replacing it if it exists.</summary>
    void Replace(string source, string destination);

    /// <summary>Deletes a file; does nothing if it does not exist.</summary>
    void Delete(string path);

    /// <summary>Creates a folder and its parents; does nothing if it exists.</summary>
    void CreateDirectory(string path);

    /// <summary>Whether the file exists.</summary>
    bool FileExists(string path);

    /// <summary>The files directly in <paramref name="directory"/> (none if it does not exist).</summary>
    IReadOnlyList<MemoFileEntry> ListFiles(string directory);

    /// <summary>
    /// The full paths of the folders directly in <paramref name="directory"/> (none if it does not exist), leaving out
    /// symbolic links to folders.
    /// </summary>
    IReadOnlyList<string> ListDirectories(string directory);

    /// <summary>Sets a file's last write time (the disk store's record of an entry's last use).</summary>
    void SetLastWriteTimeUtc(string path, DateTime time);
}
