using System;
using System.Threading;
using MemoGen.Infrastructure;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Support;

/// <summary>Creates functions and tables for tests, and waits for conditions with a hang guard.</summary>
internal static class TestTables
{
    /// <summary>Only a guard against hangs: no test expects to come near it.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static MemoFunction<TKey, TResult> Function<TKey, TResult>(string name = "f")
        where TKey : struct, IMemoKey<TKey> =>
        new(name, "v1", []);

    public static MemoTable<IntKey, TResult> Create<TResult>(MemoOptions? options = null) =>
        Function<IntKey, TResult>().TableIn(new MemoContext(options ?? new MemoOptions()));

    public static MemoTable<IntKey, TResult> CreateBounded<TResult>(long? maxEntries = null, long? maxBytes = null) =>
        Create<TResult>(new MemoOptions { MemoryLimits = new MemoryLimits(maxEntries, maxBytes) });

    public static int Fill(MemoTable<IntKey, int> table, params int[] keys)
    {
        foreach (int value in keys)
        {
            var key = new IntKey(value);
            table.GetOrCompute(in key, value, static v => v * 10);
        }

        return keys.Length;
    }

    public static void WaitUntil(Func<bool> condition, string what)
    {
        Assert.That(SpinWait.SpinUntil(condition, HangGuard), Is.True, $"Timed out waiting until {what}.");
    }
}
