using System;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Disk.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

/// <summary>
/// A key whose stable hash throws (a user's <see cref="IMemoHashable"/> that fails) fails its call with that exception,
/// computes nothing, and leaves no entry behind: the next call of the key fails the same way instead of waiting for a
/// flight that never ends, and other keys work.
/// </summary>
public sealed class StableHashFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Test]
    public void A_synchronous_call_fails_with_the_hash_exception_every_time_and_computes_nothing()
    {
        using var store = new TempStore();
        MemoTable<FailingHashKey, int> table = Table(store);
        var failing = new FailingHashKey(-1);
        int computations = 0;

        for (int attempt = 0; attempt < 2; attempt++)
        {
            Task<int> call = Task.Run(() => table.GetOrCompute(in failing, 0, _ => Interlocked.Increment(ref computations)));
            Assert.That(() => call.Wait(Timeout), Throws.InstanceOf<AggregateException>().With.InnerException.Message.EqualTo(FailingHashKey.Message));
        }

        Assert.That(computations, Is.Zero);
        Assert.That(table.CountWaitingCallers(failing), Is.Zero);
        Assert.That(table.Statistics.Entries, Is.Zero);
        var working = new FailingHashKey(1);
        Assert.That(table.GetOrCompute(in working, 7, static state => state), Is.EqualTo(7));
    }

    [Test]
    public async Task An_asynchronous_call_returns_a_faulted_task_instead_of_throwing()
    {
        using var store = new TempStore();
        MemoTable<FailingHashKey, int> table = Table(store);
        var failing = new FailingHashKey(-1);

        ValueTask<int> pending = default;
        // A statement lambda: NUnit would await a lambda that returns the task.
        Assert.That(() => { pending = table.GetOrComputeAsync(in failing, 0, static (_, _) => new ValueTask<int>(1), CancellationToken.None); }, Throws.Nothing);
        Exception? failure = null;
        try
        {
            await pending.AsTask().WaitAsync(Timeout);
        }
        catch (InvalidOperationException exception)
        {
            failure = exception;
        }

        Assert.That(failure?.Message, Is.EqualTo(FailingHashKey.Message));
        Assert.That(table.CountWaitingCallers(failing), Is.Zero);
    }

    private static MemoTable<FailingHashKey, int> Table(TempStore store) =>
        new MemoFunction<FailingHashKey, int>("failing_hash", "v1", [MemoTags.Disk]).TableIn(new MemoContext(DiskTables.Options(store)));

    /// <summary>A key whose stable hash throws for a negative value: the disk tier hashes every key it looks up.</summary>
    private readonly struct FailingHashKey(int value) : IMemoKey<FailingHashKey>
    {
        public const string Message = "this key cannot be hashed";

        public bool Equals(FailingHashKey other) => value == other.Value;

        public override bool Equals(object? obj) => obj is FailingHashKey other && Equals(other);

        public override int GetHashCode() => value;

        public void WriteStableHash(ref MemoHasher hasher)
        {
            if (value < 0)
            {
                throw new InvalidOperationException(Message);
            }

            hasher.Write(value);
        }

        private int Value => value;
    }
}
