using System;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Infrastructure;
using MemoGen.RuntimeTests.Support;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Async;

public sealed class AsyncCancellationTests
{
    [Test]
    public async Task OneCancelledWaiterLeavesWhileTheOthersGetTheValue()
    {
        var table = TestTables.Create<int>();
        var computation = new ObservedComputation();
        var key = new IntKey(1);
        using var cancellation = new CancellationTokenSource();

        Task<int> first = table.GetOrComputeAsync(in key, computation, ObservedComputation.Run, CancellationToken.None).AsTask();
        Task<int> cancelled = table.GetOrComputeAsync(in key, computation, ObservedComputation.Run, cancellation.Token).AsTask();
        Task<int> third = table.GetOrComputeAsync(in key, computation, ObservedComputation.Run, CancellationToken.None).AsTask();
        Assert.That(table.CountWaitingCallers(in key), Is.EqualTo(3));

        cancellation.Cancel();

        Assert.That(async () => await cancelled.WaitAsync(TestTables.HangGuard), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(computation.Token.IsCancellationRequested, Is.False);
        computation.Finish(42);
        Assert.That(await first.WaitAsync(TestTables.HangGuard), Is.EqualTo(42));
        Assert.That(await third.WaitAsync(TestTables.HangGuard), Is.EqualTo(42));
        Assert.That(computation.Calls, Is.EqualTo(1));
        Assert.That(table.Contains(in key), Is.True);
    }

    [Test]
    public async Task WhenEveryWaiterCancelsTheComputationIsCancelledAndNotCached()
    {
        var table = TestTables.Create<int>();
        var computation = new ObservedComputation();
        var key = new IntKey(1);
        using var firstCancellation = new CancellationTokenSource();
        using var secondCancellation = new CancellationTokenSource();

        Task<int> first = table.GetOrComputeAsync(in key, computation, ObservedComputation.Run, firstCancellation.Token).AsTask();
        Task<int> second = table.GetOrComputeAsync(in key, computation, ObservedComputation.Run, secondCancellation.Token).AsTask();

        firstCancellation.Cancel();
        Assert.That(async () => await first.WaitAsync(TestTables.HangGuard), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(computation.Token.IsCancellationRequested, Is.False, "one caller still waits");

        secondCancellation.Cancel();
        Assert.That(async () => await second.WaitAsync(TestTables.HangGuard), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(computation.Token.IsCancellationRequested, Is.True);
        Assert.That(table.Contains(in key), Is.False);
        Assert.That(table.CountWaitingCallers(in key), Is.Zero, "the entry is gone");

        int again = await table.GetOrComputeAsync(in key, 0, static (_, _) => new ValueTask<int>(7), CancellationToken.None);
        Assert.That(again, Is.EqualTo(7), "cancellation is not cached");
    }

    [Test]
    public async Task ACallerArrivingAfterEveryoneCancelledStartsANewComputation()
    {
        var table = TestTables.Create<int>();
        var abandoned = new ObservedComputation(ignoreCancellation: true);
        var key = new IntKey(1);
        using var cancellation = new CancellationTokenSource();

        Task<int> gaveUp = table.GetOrComputeAsync(in key, abandoned, ObservedComputation.Run, cancellation.Token).AsTask();
        cancellation.Cancel();
        Assert.That(async () => await gaveUp.WaitAsync(TestTables.HangGuard), Throws.InstanceOf<OperationCanceledException>());

        var fresh = new ObservedComputation();
        Task<int> late = table.GetOrComputeAsync(in key, fresh, ObservedComputation.Run, CancellationToken.None).AsTask();
        fresh.Finish(5);

        Assert.That(await late.WaitAsync(TestTables.HangGuard), Is.EqualTo(5));
        Assert.That(fresh.Calls, Is.EqualTo(1));

        // The abandoned computation's task completes on this thread and runs the table's continuation inline, so once
        // Finish returns the late result has been handled (stored or dropped), and the check below cannot run first.
        abandoned.Finish(-1);
        Assert.That(abandoned.HandedOver, Is.True, "the late result reached the table before the check");
        Assert.That(table.TryGetValue(key, out int cached), Is.True);
        Assert.That(cached, Is.EqualTo(5), "the abandoned computation's late result is not stored");
    }

    [Test]
    public void AnAbandonedFlightCannotBeJoined()
    {
        MemoFlight<int> flight = MemoFlight<int>.ForAsynchronousComputation();

        Assert.That(flight.Leave(), Is.True);
        Assert.That(flight.TryJoin(), Is.False);
    }

    [Test]
    public void AFlightWithAWaiterLeftIsNotAbandoned()
    {
        MemoFlight<int> flight = MemoFlight<int>.ForAsynchronousComputation();
        Assert.That(flight.TryJoin(), Is.True);

        Assert.That(flight.Leave(), Is.False);
        Assert.That(flight.CancellationToken.IsCancellationRequested, Is.False);
        Assert.That(flight.TryJoin(), Is.True);
    }

    [Test]
    public void AnAlreadyCancelledCallerDoesNotStartAComputation()
    {
        var table = TestTables.Create<int>();
        var computation = new ObservedComputation();
        var key = new IntKey(1);

        Assert.That(
            async () => await table.GetOrComputeAsync(in key, computation, ObservedComputation.Run, new CancellationToken(canceled: true)),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(computation.Calls, Is.Zero);
    }

    /// <summary>
    /// A computation that records its token and finishes when told to. One that ignores cancellation completes its
    /// task inside <see cref="Finish"/>, running whoever awaits it (the table) before <see cref="Finish"/> returns.
    /// </summary>
    private sealed class ObservedComputation(bool ignoreCancellation = false)
    {
        private readonly TaskCompletionSource<int> _result = new(ignoreCancellation ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        private Task<int>? _returned;
        private int _calls;

        public static Func<ObservedComputation, CancellationToken, ValueTask<int>> Run { get; } =
            static (computation, token) => computation.RunAsync(token);

        public CancellationToken Token { get; private set; }

        public int Calls => Volatile.Read(ref _calls);

        /// <summary>Whether the task handed to the table has completed.</summary>
        public bool HandedOver => _returned is { IsCompleted: true };

        public void Finish(int value) => _result.SetResult(value);

        private ValueTask<int> RunAsync(CancellationToken token)
        {
            Interlocked.Increment(ref _calls);
            Token = token;
            _returned = ignoreCancellation ? _result.Task : _result.Task.WaitAsync(token);
            return new ValueTask<int>(_returned);
        }
    }
}
