using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Postgres;
using MemoGen.PostgresTests.Support;

// A sweep worker: runs every point of 0..points-1 through the shared tier, in its own random order, taking
// computeMilliseconds per computation. Prints "compute P" before each computation (counted by the test, outside the
// database) and "done" at the end; exits with 1 when a value read back is not the expected one. The store's warnings
// go to stderr. With "fail" first, it runs FailingPoint instead: fail CONNECTION_STRING POINT explode|compute ATTEMPTS.
if (args is ["fail", string connection, string failingPoint, string mode, string attempts])
{
    return MemoGen.PostgresWorker.FailingPoint.Run(connection, int.Parse(failingPoint, System.Globalization.CultureInfo.InvariantCulture), mode == "explode", int.Parse(attempts, System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: MemoGen.PostgresWorker CONNECTION_STRING POINTS COMPUTE_MILLISECONDS SEED");
    return 2;
}

string connectionString = args[0];
int points = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
int computeMilliseconds = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var random = new Random(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));

await using var store = new PostgresStore(connectionString, new MemoGen.TestSupport.StderrWarnings(), SharedWorker.FastSettings);
foreach (int point in Enumerable.Range(0, points).OrderBy(_ => random.Next()).ToArray())
{
    byte[] value = await SharedWorker.GetOrComputeAsync(store, SweepPoints.Key(point), async token =>
    {
        Console.WriteLine($"compute {point}");
        await Task.Delay(computeMilliseconds, token);
        return SweepPoints.Payload(point);
    }, CancellationToken.None);
    if (!value.AsSpan().SequenceEqual(SweepPoints.Payload(point)))
    {
        Console.Error.WriteLine($"point {point}: wrong value");
        return 1;
    }
}

Console.WriteLine("done");
return 0;
