using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoGen.Disk;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Disk;

public sealed class RawShapesTests
{
    [Test]
    public void Concurrent_first_lookups_of_different_types_each_keep_their_shape()
    {
        // Types no other test asks for, so that every lookup here is a first one and adds to the shared cache.
        Type[] types =
        [
            typeof(Unused1[]), typeof(Unused2[]), typeof(Unused3[]), typeof(Unused4[]),
            typeof(Unused5[]), typeof(Unused6[]), typeof(Unused7[]), typeof(Unused8[]),
        ];
        using var start = new Barrier(types.Length);

        Task<RawShape?>[] first = types
            .Select(type => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(TimeSpan.FromSeconds(30));
                    return RawShapes.For(type);
                },
                TaskCreationOptions.LongRunning))
            .ToArray();

        Assert.That(Task.WaitAll(first, TimeSpan.FromSeconds(30)), Is.True);
        Assert.Multiple(() =>
        {
            for (int i = 0; i < types.Length; i++)
            {
                Assert.That(first[i].Result, Is.Not.Null, types[i].Name);
                Assert.That(RawShapes.For(types[i]), Is.SameAs(first[i].Result), $"{types[i].Name}: a concurrent add lost its shape");
            }
        });
    }

    private readonly record struct Unused1(int X);

    private readonly record struct Unused2(int X);

    private readonly record struct Unused3(int X);

    private readonly record struct Unused4(int X);

    private readonly record struct Unused5(int X);

    private readonly record struct Unused6(int X);

    private readonly record struct Unused7(int X);

    private readonly record struct Unused8(int X);
}
