using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Subjects;
using MemoGen.PostgresTests.Support;
using NUnit.Framework;

namespace MemoGen.PostgresTests;

/// <summary>A remote hit's normal path: no exception thrown and caught on the way, with or without a cache directory.</summary>
[TestFixture]
public sealed class RemoteHitTests : StoreFixture
{
    private readonly List<string> _folders = [];

    [TestCase(false)]
    [TestCase(true)]
    public void A_remote_hit_throws_no_exception_on_its_way(bool withCacheDirectory)
    {
        var executions = new ConcurrentDictionary<int, int>();
        _ = new SquaresContext(Options(withCacheDirectory), executions).Squares(100);
        var reader = new SquaresContext(Options(withCacheDirectory), executions);
        _ = reader.Squares(1); // The store's first use (connections, schema check) is not the path measured here.

        // Only this thread's: a small remote hit runs on the caller's thread, and connections that earlier tests in this
        // process left to their pools may time out on threads of their own meanwhile.
        var thrown = new ConcurrentQueue<string>();
        int caller = Environment.CurrentManagedThreadId;
        void Record(object? sender, FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == caller)
            {
                thrown.Enqueue($"{e.Exception.GetType().Name}: {e.Exception.Message}");
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        double last;
        try
        {
            last = reader.Squares(100)[^1];
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        Assert.That(executions[100], Is.EqualTo(1), "the second context read the shared entry");
        Assert.That(last, Is.EqualTo(99.0 * 99.0));
        Assert.That(thrown, Is.Empty, "exceptions thrown during a remote hit");
    }

    private MemoOptions Options(bool withCacheDirectory)
    {
        var options = new MemoOptions { LoggerFactory = Log };
        if (withCacheDirectory)
        {
            options.CacheDirectory = Directory.CreateTempSubdirectory("memogen-remote-hit-").FullName;
            _folders.Add(options.CacheDirectory);
        }

        options.SharedTier = new PostgresSharedTier(ConnectionString, options, SharedWorker.FastSettings);
        return options;
    }

    [TearDown]
    public void DeleteFolders()
    {
        foreach (string folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }

        _folders.Clear();
    }
}
