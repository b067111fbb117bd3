using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MemoGen.Disk;
using MemoGen.Infrastructure;

namespace MemoGen.RuntimeTests.SharedTier;

/// <summary>
/// An in-process stand-in for a shared tier: a dictionary of published entries (metadata and payload bytes), a log of
/// the calls the table makes, and switches to make a step fail or a claim report another holder's publication.
/// </summary>
internal sealed class FakeSharedTier : ISharedTier
{
    private readonly ConcurrentDictionary<SharedEntry, (byte[] Metadata, (string Name, byte[] Bytes)[] Payloads)> _published = new();
    private readonly List<string> _calls = [];

    /// <summary>The calls in order: fetch, claim, publish, fail, release, and whatever <see cref="Record"/> adds.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>When set, <see cref="Claim"/> first publishes this entry (as another holder would) and reports it.</summary>
    public (SharedEntry Entry, FakeSharedTier From)? PublishedDuringClaim { get; set; }

    /// <summary>When set, <see cref="Claim"/> reports that another holder's computation threw this.</summary>
    public Exception? FailedDuringClaim { get; set; }

    /// <summary>When set, every member throws it.</summary>
    public Exception? Fault { get; set; }

    public int Published => _published.Count;

    /// <summary>Null: the fake is used with a cache directory.</summary>
    public string? StagingDirectory => null;

    public void Record(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }

    public bool TryFetch(in SharedEntry entry, FetchTarget target)
    {
        Record("fetch");
        ThrowIfFaulted();
        if (!_published.TryGetValue(entry, out var published))
        {
            return false;
        }

        foreach ((string name, byte[] bytes) in published.Payloads)
        {
            using IMemoWritableFile file = target.CreatePayload(name, bytes.Length);
            file.Write(bytes, 0);
            file.FlushToDisk();
        }

        target.Commit(published.Metadata);
        return true;
    }

    public SharedClaim Claim(in SharedEntry entry)
    {
        Record("claim");
        ThrowIfFaulted();
        if (PublishedDuringClaim is { } other)
        {
            _published[entry] = other.From._published[other.Entry];
            return SharedClaim.PublishedByAnother;
        }

        if (FailedDuringClaim is { } failure)
        {
            return SharedClaim.FailedElsewhere(failure);
        }

        return new SharedClaim(new Lease(this));
    }

    public void Publish(in SharedEntry entry, EntryPaths written)
    {
        Record("publish");
        ThrowIfFaulted();
        byte[] metadata = File.ReadAllBytes(written.MetadataPath);
        EntryMetadata parsed = EntryMetadataJson.Read(metadata);
        _published[entry] = (metadata, parsed.Files.Select(f => (f.Name, File.ReadAllBytes(written.PayloadPath(f.Name)))).ToArray());
    }

    public void Fail(in SharedEntry entry, Exception failure)
    {
        Record($"fail: {failure.Message}");
        ThrowIfFaulted();
    }

    /// <summary>Copies what <paramref name="other"/> published into this one (a second machine's view of one server).</summary>
    public void CopyFrom(FakeSharedTier other)
    {
        foreach (var published in other._published)
        {
            _published[published.Key] = published.Value;
        }
    }

    private void ThrowIfFaulted()
    {
        if (Fault is { } fault)
        {
            throw fault;
        }
    }

    private sealed class Lease(FakeSharedTier tier) : IDisposable
    {
        public void Dispose() => tier.Record("release");
    }
}
