using System;
using System.IO;
using MemoGen.Disk;
using MemoGen.Postgres;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>Files in the staging folder are not flushed to the device (they die with the process); all others are.</summary>
[TestFixture]
public sealed class StagingFileSystemTests
{
    private string _root = "";

    [SetUp]
    public void CreateFolders() => _root = Directory.CreateTempSubdirectory("memogen-staging-fs-").FullName;

    [TearDown]
    public void DeleteFolders() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Only_files_outside_the_staging_folder_are_flushed()
    {
        var counting = new FlushCountingFileSystem();
        string staging = Path.Combine(_root, "staging");
        var fileSystem = new StagingFileSystem(counting, () => staging);
        Directory.CreateDirectory(staging);
        Directory.CreateDirectory(Path.Combine(_root, "stagingother"));

        foreach (string path in new[] { Path.Combine(staging, "a"), Path.Combine(_root, "stagingother", "b"), Path.Combine(_root, "c") })
        {
            using IMemoWritableFile file = fileSystem.CreateNew(path, 1);
            file.Write([1], 0);
            file.FlushToDisk();
            fileSystem.FlushToDisk(path);
        }

        Assert.That(counting.Flushes, Is.EqualTo(4), "two flushes for each of the two files outside the staging folder");
    }

    [Test]
    public void Before_the_staging_folder_exists_every_flush_goes_through()
    {
        var counting = new FlushCountingFileSystem();
        var fileSystem = new StagingFileSystem(counting, () => null);

        fileSystem.FlushToDisk(Path.Combine(_root, "x"));

        Assert.That(counting.Flushes, Is.EqualTo(1));
    }

    private sealed class FlushCountingFileSystem : IMemoFileSystem
    {
        public int Flushes { get; private set; }

        public IMemoReadableFile OpenRead(string path) => PhysicalFileSystem.Instance.OpenRead(path);

        public IMemoWritableFile CreateNew(string path, long expectedLength) => new CountingFile(PhysicalFileSystem.Instance.CreateNew(path, expectedLength), this);

        public void FlushToDisk(string path) => Flushes++;

        public void Replace(string source, string destination) => PhysicalFileSystem.Instance.Replace(source, destination);

        public void Delete(string path) => PhysicalFileSystem.Instance.Delete(path);

        public void CreateDirectory(string path) => PhysicalFileSystem.Instance.CreateDirectory(path);

        public bool FileExists(string path) => PhysicalFileSystem.Instance.FileExists(path);

        public System.Collections.Generic.IReadOnlyList<MemoFileEntry> ListFiles(string directory) => PhysicalFileSystem.Instance.ListFiles(directory);

        public System.Collections.Generic.IReadOnlyList<string> ListDirectories(string directory) => PhysicalFileSystem.Instance.ListDirectories(directory);

        public void SetLastWriteTimeUtc(string path, DateTime time) => PhysicalFileSystem.Instance.SetLastWriteTimeUtc(path, time);

        private sealed class CountingFile(IMemoWritableFile inner, FlushCountingFileSystem owner) : IMemoWritableFile
        {
            public void Write(ReadOnlySpan<byte> data, long offset) => inner.Write(data, offset);

            public void FlushToDisk() => owner.Flushes++;

            public void Dispose() => inner.Dispose();
        }
    }
}
