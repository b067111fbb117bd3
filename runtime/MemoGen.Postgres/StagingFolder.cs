using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using MemoGen.Disk;

namespace MemoGen.Postgres;

/// <summary>
/// Where the local store lives when the options name no <see cref="MemoOptions.CacheDirectory"/>: a folder of this
/// process under the temporary directory. A fetched entry is written there (streamed, never held in memory twice),
/// loaded and removed; a computed one stays until it is published. The folder is deleted when the process exits, and
/// folders left by processes that died are removed when the next one creates its own.
/// </summary>
internal sealed class StagingFolder
{
    private const string Prefix = "memogen-staging-";

    private StagingFolder(string path) => Path = path;

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Creates this process's folder (removing those of dead processes first) and deletes it at exit.</summary>
    public static StagingFolder Create()
    {
        RemoveAbandoned();
        var folder = new StagingFolder(Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(folder.Path);
        return folder;
    }

    /// <summary>Deletes an entry's metadata, then its payload files; whatever cannot be deleted goes with the folder.</summary>
    public static void DeleteEntry(EntryPaths paths, IMemoFileSystem fileSystem)
    {
        try
        {
            EntryMetadata metadata = EntryMetadataJson.Read(EntryContainer.ReadAll(fileSystem, paths.MetadataPath));
            fileSystem.Delete(paths.MetadataPath);
            foreach (PayloadFile file in metadata.Files)
            {
                fileSystem.Delete(paths.PayloadPath(file.Name));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidEntryException or InvalidDataException)
        {
            // Already gone, or still mapped on a system that refuses: the folder is deleted at exit.
        }
    }

    private static void RemoveAbandoned()
    {
        try
        {
            foreach (string folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
            {
                string name = System.IO.Path.GetFileName(folder)[Prefix.Length..];
                int dash = name.IndexOf('-', StringComparison.Ordinal);
                if (dash > 0 && int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !IsRunning(pid))
                {
                    TryDelete(folder);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Cleaning up after others is a courtesy.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next process's clean-up.
        }
    }
}
