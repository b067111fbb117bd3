using System;
using System.IO;
using MemoGen.Disk;
using MemoGen.Postgres;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>Files in the staging folder are not flushed to the device (they die with the process), small ones live in memory; all others are untouched.</summary>
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
        var counting = new CountingFileSystem();
        string staging = Path.Combine(_root, "staging");
        var fileSystem = new StagingFileSystem(counting, () => staging, () => false);
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
        var counting = new CountingFileSystem();
        var fileSystem = new StagingFileSystem(counting, () => null, () => true);

        fileSystem.FlushToDisk(Path.Combine(_root, "x"));

        Assert.That(counting.Flushes, Is.EqualTo(1));
    }

    [Test]
    public void A_small_staged_file_lives_in_memory_through_write_rename_read_and_delete()
    {
        string staging = Path.Combine(_root, "staging");
        Directory.CreateDirectory(staging);
        var fileSystem = new StagingFileSystem(PhysicalFileSystem.Instance, () => staging, () => true);
        string temporary = Path.Combine(staging, "entry.tmp");
        string final = Path.Combine(staging, "entry.meta");

        using (IMemoWritableFile file = fileSystem.CreateNew(temporary, 3))
        {
            file.Write([1, 2, 3], 0);
        }

        fileSystem.Replace(temporary, final);
        byte[] read = new byte[3];
        using (IMemoReadableFile file = fileSystem.OpenRead(final))
        {
            Assert.That(file.Read(read, 0), Is.EqualTo(3));
        }

        Assert.That(read, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(fileSystem.FileExists(final) && !fileSystem.FileExists(temporary), Is.True);
        Assert.That(fileSystem.ListFiles(staging), Has.Count.EqualTo(1));
        Assert.That(Directory.GetFiles(staging), Is.Empty, "nothing on disk");
        Assert.Throws<IOException>(() => fileSystem.CreateNew(final, 3));
        fileSystem.Delete(final);
        Assert.That(fileSystem.FileExists(final), Is.False);
        Assert.Throws<FileNotFoundException>(() => fileSystem.OpenRead(final));
    }

    [Test]
    public void Large_or_unstaged_files_and_mapped_results_stay_on_disk()
    {
        string staging = Path.Combine(_root, "staging");
        Directory.CreateDirectory(staging);
        var mapping = new StagingFileSystem(PhysicalFileSystem.Instance, () => staging, () => false);
        var holding = new StagingFileSystem(PhysicalFileSystem.Instance, () => staging, () => true);

        mapping.CreateNew(Path.Combine(staging, "small-mapped"), 3).Dispose();
        holding.CreateNew(Path.Combine(staging, "large"), StagingFileSystem.MaxInMemoryBytes + 1).Dispose();
        holding.CreateNew(Path.Combine(_root, "outside"), 3).Dispose();

        Assert.That(File.Exists(Path.Combine(staging, "small-mapped")), Is.True);
        Assert.That(File.Exists(Path.Combine(staging, "large")), Is.True);
        Assert.That(File.Exists(Path.Combine(_root, "outside")), Is.True);
    }

    [Test]
    public void Staged_files_and_folders_are_looked_up_on_disk_only_when_this_file_system_put_them_there()
    {
        var counting = new CountingFileSystem();
        string staging = Path.Combine(_root, "staging");
        Directory.CreateDirectory(staging);
        var fileSystem = new StagingFileSystem(counting, () => staging, () => true);
        string folder = Path.Combine(staging, "function");
        string small = Path.Combine(folder, "small.meta");
        string temporary = Path.Combine(folder, "small.tmp");
        string large = Path.Combine(folder, "large.raw");

        fileSystem.CreateDirectory(folder);
        fileSystem.CreateDirectory(folder);
        fileSystem.CreateNew(temporary, 3).Dispose();
        fileSystem.Replace(temporary, small);
        bool smallThere = fileSystem.FileExists(small);
        bool missingThere = fileSystem.FileExists(Path.Combine(folder, "missing.meta"));
        fileSystem.Delete(small);
        fileSystem.Delete(small);
        Assert.That((smallThere, missingThere, counting.Lookups), Is.EqualTo((true, false, 1)), "one folder creation, then nothing asked of the disk");

        fileSystem.CreateNew(large, StagingFileSystem.MaxInMemoryBytes + 1).Dispose();
        fileSystem.Replace(large, large + ".renamed");
        Assert.That(fileSystem.FileExists(large + ".renamed") && !fileSystem.FileExists(large), Is.True);
        fileSystem.Delete(large + ".renamed");
        Assert.That(File.Exists(large + ".renamed") || fileSystem.FileExists(large + ".renamed"), Is.False, "the renamed file is deleted from the disk");
        Assert.That(counting.Lookups, Is.EqualTo(2), "only the deletion of the file on disk went to the disk");
    }

    [Test]
    public void A_staged_folder_removed_under_the_file_system_is_created_again()
    {
        string staging = Path.Combine(_root, "staging");
        string folder = Path.Combine(staging, "function");
        var fileSystem = new StagingFileSystem(PhysicalFileSystem.Instance, () => staging, () => true);
        Directory.CreateDirectory(staging);
        fileSystem.CreateDirectory(folder);
        Directory.Delete(folder);
        string large = Path.Combine(folder, "large.raw");

        Assert.Throws<DirectoryNotFoundException>(() => fileSystem.CreateNew(large, StagingFileSystem.MaxInMemoryBytes + 1));
        fileSystem.CreateDirectory(folder);
        fileSystem.CreateNew(large, StagingFileSystem.MaxInMemoryBytes + 1).Dispose();

        Assert.That(File.Exists(large), Is.True);
    }

    [Test]
    public void Files_outside_the_staging_folder_are_looked_up_on_disk()
    {
        var counting = new CountingFileSystem();
        var fileSystem = new StagingFileSystem(counting, () => Path.Combine(_root, "staging"), () => true);
        string outside = Path.Combine(_root, "outside");
        File.WriteAllBytes(outside, [1]);

        Assert.That(fileSystem.FileExists(outside), Is.True);
        fileSystem.Delete(outside);
        Assert.That((File.Exists(outside), counting.Lookups), Is.EqualTo((false, 2)));
    }

    private sealed class CountingFileSystem : IMemoFileSystem
    {
        public int Flushes { get; private set; }

        /// <summary>Existence checks, deletions and folder creations: each a system call on a physical file system.</summary>
        public int Lookups { get; private set; }

        public IMemoReadableFile OpenRead(string path) => PhysicalFileSystem.Instance.OpenRead(path);

        public IMemoWritableFile CreateNew(string path, long expectedLength) => new CountingFile(PhysicalFileSystem.Instance.CreateNew(path, expectedLength), this);

        public void FlushToDisk(string path) => Flushes++;

        public void Replace(string source, string destination) => PhysicalFileSystem.Instance.Replace(source, destination);

        public void Delete(string path)
        {
            Lookups++;
            PhysicalFileSystem.Instance.Delete(path);
        }

        public void CreateDirectory(string path)
        {
            Lookups++;
            PhysicalFileSystem.Instance.CreateDirectory(path);
        }

        public bool FileExists(string path)
        {
            Lookups++;
            return PhysicalFileSystem.Instance.FileExists(path);
        }

        public System.Collections.Generic.IReadOnlyList<MemoFileEntry> ListFiles(string directory) => PhysicalFileSystem.Instance.ListFiles(directory);

        public System.Collections.Generic.IReadOnlyList<string> ListDirectories(string directory) => PhysicalFileSystem.Instance.ListDirectories(directory);

        public void SetLastWriteTimeUtc(string path, DateTime time) => PhysicalFileSystem.Instance.SetLastWriteTimeUtc(path, time);

        private sealed class CountingFile(IMemoWritableFile inner, CountingFileSystem owner) : IMemoWritableFile
        {
            public void Write(ReadOnlySpan<byte> data, long offset) => inner.Write(data, offset);

            public void FlushToDisk() => owner.Flushes++;

            public void Dispose() => inner.Dispose();
        }
    }
}
