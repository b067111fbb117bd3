using System;
using System.Collections.Generic;
using MemoGen.Disk;

namespace MemoGen.Inspection;

/// <summary>
/// A committed entry as found on disk: its metadata file and every file of its fan-out folder whose name starts with
/// its key hash (the payloads the metadata names, and any a crashed or concurrent writer left).
/// </summary>
/// <param name="FunctionFolder">The name of the function's folder.</param>
/// <param name="Hash">The key hash, 32 hex digits.</param>
/// <param name="Metadata">The metadata file.</param>
/// <param name="Files">Every file of the entry, the metadata file first.</param>
internal sealed record InspectedEntry(string FunctionFolder, string Hash, MemoFileEntry Metadata, IReadOnlyList<MemoFileEntry> Files)
{
    /// <summary>The bytes the entry's files take.</summary>
    public long Bytes
    {
        get
        {
            long total = 0;
            foreach (MemoFileEntry file in Files)
            {
                total += file.Length;
            }

            return total;
        }
    }

    /// <summary>The entry's last use: its metadata file's last write time, which every load refreshes.</summary>
    public DateTime LastUseUtc => Metadata.LastWriteTimeUtc;

    /// <summary>The folder holding the entry's files.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Metadata.Path)!;
}
