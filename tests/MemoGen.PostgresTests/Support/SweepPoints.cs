using System.Text;
using MemoGen.Postgres;

namespace MemoGen.PostgresTests.Support;

/// <summary>The point space the workers sweep, in and out of process: each point's key and its expected payload.</summary>
internal static class SweepPoints
{
    /// <summary>The key of <paramref name="point"/>.</summary>
    public static EntryKey Key(int point) => new("sweep_point", "v1", new MemoHash128(0xABCD, (ulong)point));

    /// <summary>The value a worker computes for <paramref name="point"/>.</summary>
    public static byte[] Payload(int point) => Encoding.UTF8.GetBytes($"point {point} " + new string('x', point % 100));
}
