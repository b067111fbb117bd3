using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using MemoGen.Disk;
using Microsoft.Extensions.Logging;

namespace MemoGen.Postgres;

/// <summary>
/// Results computed while PostgreSQL could not take them: their local entries are offered again, in the background,
/// every retry interval until the server answers (kept only if no other result of the key was stored meanwhile). An
/// entry whose local files are gone by then is dropped with a warning; entries still pending at exit are reported.
/// </summary>
internal sealed class PendingPublications
{
    private readonly ConcurrentDictionary<EntryKey, EntryPaths> _pending = new();
    private readonly Func<PostgresStore> _store;
    private readonly Func<IMemoFileSystem> _fileSystem;
    private readonly Action<EntryPaths> _published;
    private readonly Func<ILogger?> _logger;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private int _retrying;

    /// <param name="store">The store to publish to.</param>
    /// <param name="fileSystem">The file system the local entries are read through (staged ones may be in memory).</param>
    /// <param name="published">Called with an entry's local files once it is published (or another result was kept).</param>
    /// <param name="logger">The logger, if any.</param>
    /// <param name="interval">How long to wait between attempts.</param>
    public PendingPublications(Func<PostgresStore> store, Func<IMemoFileSystem> fileSystem, Action<EntryPaths> published, Func<ILogger?> logger, TimeSpan interval)
    {
        _store = store;
        _fileSystem = fileSystem;
        _published = published;
        _logger = logger;
        _interval = interval;
        _timer = new Timer(static state => ((PendingPublications)state!).Retry(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ReportUnpublished();
    }

    /// <summary>How many results wait to be published.</summary>
    public int Count => _pending.Count;

    /// <summary>Queues the local entry at <paramref name="paths"/> to be published under <paramref name="key"/>.</summary>
    public void Add(EntryKey key, EntryPaths paths)
    {
        _pending[key] = paths;
        _timer.Change(_interval, _interval);
    }

    /// <summary>Offers every pending entry once, in order, stopping at the first that PostgreSQL cannot take.</summary>
    internal void Retry()
    {
        if (Interlocked.Exchange(ref _retrying, 1) == 1)
        {
            return;
        }

        try
        {
            int published = 0;
            foreach ((EntryKey key, EntryPaths paths) in _pending)
            {
                PublishOutcome outcome;
                try
                {
                    using Stream container = EntryContainer.Open(paths, _fileSystem());
                    outcome = _store().PublishUnclaimedAsync(key, container, CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidEntryException)
                {
                    _pending.TryRemove(new(key, paths));
                    _logger()?.LogWarning(new EventId(1206, "SharedPublicationDropped"), "The result of {Key}, computed while PostgreSQL was unavailable, is not published: its local entry is gone ({Message}).", key, e.Message);
                    continue;
                }

                if (outcome == PublishOutcome.Failed)
                {
                    break;
                }

                if (_pending.TryRemove(new(key, paths)))
                {
                    _published(paths);
                }

                published++;
            }

            if (published > 0)
            {
                _logger()?.LogInformation(new EventId(1207, "SharedPublishedLater"), "Published {Count} result(s) computed while PostgreSQL was unavailable.", published);
            }
        }
        catch (Exception e)
        {
            // A background retry must never take the process down; the next round tries again.
            _logger()?.LogWarning(new EventId(1208, "SharedRetryFailed"), "Publishing the results computed during an outage failed: {Message}", e.Message);
        }
        finally
        {
            if (_pending.IsEmpty)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                if (!_pending.IsEmpty)
                {
                    _timer.Change(_interval, _interval);
                }
            }

            Volatile.Write(ref _retrying, 0);
        }
    }

    private void ReportUnpublished()
    {
        try
        {
            if (!_pending.IsEmpty)
            {
                _logger()?.LogWarning(new EventId(1209, "SharedUnpublishedAtExit"), "{Count} result(s) computed while PostgreSQL was unavailable were not published before the process exited.", _pending.Count);
            }
        }
        catch (Exception)
        {
            // The logger may be gone at exit.
        }
    }
}
