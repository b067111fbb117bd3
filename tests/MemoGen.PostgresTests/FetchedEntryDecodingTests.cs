using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Disk;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Subjects;
using MemoGen.PostgresTests.Support;
using Microsoft.Extensions.Logging;
using Npgsql;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>
/// A small entry fetched with no cache directory is decoded from its bytes, writing no file; a large one, or one behind
/// a cache directory, still goes through the local store; a fetched entry whose payload does not verify is a miss.
/// </summary>
[TestFixture]
public sealed class FetchedEntryDecodingTests : StoreFixture
{
    private readonly List<string> _folders = [];

    [TestCase(100, false)]
    [TestCase(300_000, true)]
    public void A_remote_hit_without_a_cache_directory_writes_files_only_for_a_large_entry(int count, bool writesFiles)
    {
        var executions = new ConcurrentDictionary<int, int>();
        double[] computed = [.. new SquaresContext(Options(), executions).Squares(count)];
        MemoOptions readerOptions = Options();
        var counting = new CreationCountingFileSystem(readerOptions.FileSystem);
        readerOptions.FileSystem = counting;

        double[] fetched = [.. new SquaresContext(readerOptions, executions).Squares(count)];

        Assert.That(fetched, Is.EqualTo(computed));
        Assert.That(executions[count], Is.EqualTo(1), "the second context read the shared entry");
        Assert.That(counting.Created > 0, Is.EqualTo(writesFiles), $"files created by the remote hit: {counting.Created}");
        Assert.That(StagedFiles.Of(readerOptions), Is.Empty, "nothing is left in the staging folder");
    }

    [Test]
    public void A_write_through_that_fails_still_serves_the_fetched_value_with_a_warning()
    {
        var executions = new ConcurrentDictionary<int, int>();
        double[] computed = [.. new SquaresContext(Options(), executions).Squares(100)];
        MemoOptions readerOptions = Options(Folder());
        var full = new CreationCountingFileSystem(readerOptions.FileSystem, new IOException("No space left on device"));
        readerOptions.FileSystem = full;

        double[] fetched = [.. new SquaresContext(readerOptions, executions).Squares(100)];

        Assert.That(fetched, Is.EqualTo(computed));
        Assert.That(executions[100], Is.EqualTo(1), "served from the shared entry, not computed again");
        Assert.That(full.Created, Is.GreaterThan(0), "the write-through was tried");
        Assert.That(Log.Messages(LogLevel.Warning), Has.Some.Contains("No space left on device"));
    }

    [TestCase(100)]
    [TestCase(300_000)]
    public void A_remote_hit_behind_a_cache_directory_writes_the_entry_there(int count)
    {
        var executions = new ConcurrentDictionary<int, int>();
        double[] computed = [.. new SquaresContext(Options(), executions).Squares(count)];
        string folder = Folder();
        MemoOptions readerOptions = Options(folder);

        double[] fetched = [.. new SquaresContext(readerOptions, executions).Squares(count)];
        double[] local = [.. new SquaresContext(new MemoOptions { CacheDirectory = folder }, executions).Squares(count)];

        Assert.That(fetched, Is.EqualTo(computed));
        Assert.That(local, Is.EqualTo(computed), "the local store kept the fetched entry");
        Assert.That(executions[count], Is.EqualTo(1));
    }

    [TestCase(100, false)]
    [TestCase(100, true)]
    [TestCase(300_000, false)]
    public async Task A_fetched_entry_whose_payload_does_not_verify_is_a_miss_and_is_computed_again(int count, bool withCacheDirectory)
    {
        var executions = new ConcurrentDictionary<int, int>();
        _ = new SquaresContext(Options(), executions).Squares(count);
        await ReplaceWithLastByteFlippedAsync().WaitAsync(Patience);

        double[] fetched = [.. new SquaresContext(Options(withCacheDirectory ? Folder() : null), executions).Squares(count)];

        Assert.That(fetched[^1], Is.EqualTo((double)(count - 1) * (count - 1)));
        Assert.That(executions[count], Is.EqualTo(2), "the corrupt entry was not served");
        Assert.That(Log.Messages(LogLevel.Warning), Has.Some.Contains("bad cache entry"));
    }

    /// <summary>
    /// Republishes the only shared entry with the last byte of its container flipped (a payload byte), so that the store's
    /// own hash matches and only the entry's payload checksum can tell.
    /// </summary>
    private async Task ReplaceWithLastByteFlippedAsync()
    {
        EntryKey key;
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var select = new NpgsqlCommand("SELECT function, code_version, key_hash FROM memogen.entry", connection);
            await using NpgsqlDataReader reader = await select.ExecuteReaderAsync();
            Assert.That(await reader.ReadAsync(), Is.True);
            key = EntryKey.FromStored(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
        }

        PostgresStore store = OpenStore();
        var container = new MemoryStream();
        Assert.That(await Task.Run(() => store.TryRead(key, container)), Is.True);
        byte[] corrupt = container.ToArray();
        corrupt[^1] ^= 0x5a;
        await ScalarAsync<long>("WITH d AS (DELETE FROM memogen.entry RETURNING 1) SELECT count(*) FROM d");
        Assert.That(await store.PublishUnclaimedAsync(key, new MemoryStream(corrupt), CancellationToken.None), Is.Not.EqualTo(PublishOutcome.Failed));
    }

    private MemoOptions Options(string? cacheDirectory = null)
    {
        var options = new MemoOptions { LoggerFactory = Log, CacheDirectory = cacheDirectory };
        options.SharedTier = new PostgresSharedTier(ConnectionString, options, SharedWorker.FastSettings);
        return options;
    }

    private string Folder()
    {
        string folder = Directory.CreateTempSubdirectory("memogen-fetched-").FullName;
        _folders.Add(folder);
        return folder;
    }

    [TearDown]
    public void DeleteFolders()
    {
        foreach (string folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        _folders.Clear();
    }
}
