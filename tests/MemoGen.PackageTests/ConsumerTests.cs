using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MemoGen.PackageTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.PackageTests;

/// <summary>Fresh projects that reference only the packed MemoGen package, built (in parallel) and run.</summary>
[Parallelizable(ParallelScope.Children)]
public sealed class ConsumerTests
{
    private const string Memoized = """
        using System;
        using MemoGen;

        var squares = new Squares(new MemoOptions());
        Console.WriteLine($"first={squares.Square(7)}");
        Console.WriteLine($"second={squares.Square(7)}");
        Console.WriteLine($"calls={squares.Calls}");

        public sealed partial class Squares(MemoOptions options) : MemoContext(options)
        {
            public int Calls { get; private set; }

            [Memoize]
            public partial int Square(int x);

            private int SquareCore(int x)
            {
                Calls++;
                return x * x;
            }
        }
        """;

    private const string Unhashable = """
        using System;
        using MemoGen;

        var tags = new Tags(new MemoOptions());
        Console.WriteLine(tags.Describe(new object()));

        public sealed partial class Tags(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial int Describe(object value);

            private int DescribeCore(object value) => value.GetHashCode();
        }
        """;

    private const string Generic = """
        using System;
        using MemoGen;

        var maps = new Maps(new MemoOptions());
        Console.WriteLine(maps.Load<int>("a"));

        public sealed partial class Maps(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial T Load<T>(string name) where T : unmanaged, IEquatable<T>;

            private T LoadCore<T>(string name) where T : unmanaged, IEquatable<T> => default;
        }
        """;

    [Test]
    public async Task AMemoizedMethodBuildsAndComputesOnce()
    {
        var project = ConsumerProject.Create(PackageFixture.Package, "Memoized", Memoized);

        CommandResult build = await project.BuildAsync();
        Assert.That(build.ExitCode, Is.Zero, build.ToString());

        CommandResult run = await project.RunAsync();
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output.ReplaceLineEndings("\n"), Is.EqualTo("first=49\nsecond=49\ncalls=1\n"));
    }

    [Test]
    public async Task AnUnhashableParameterFailsTheBuild()
    {
        var project = ConsumerProject.Create(PackageFixture.Package, "Unhashable", Unhashable);

        CommandResult build = await project.BuildAsync();

        // The analyzer in the package names the parameter; a package without it would fail here (the compiler alone
        // would only report the partial method left unimplemented, CS8795).
        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        Assert.That(build.Output, Does.Contain("error MEMO001"), build.ToString());
    }

    [Test]
    public async Task AGenericMethodFailsTheBuildWithMEMO015Only()
    {
        var project = ConsumerProject.Create(PackageFixture.Package, "Generic", Generic);

        CommandResult build = await project.BuildAsync();

        // Without the throwing stub the generator gives it, the compiler would stop at CS8795 before running the analyzer.
        Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
        var errors = Regex.Matches(build.Output, @"(?:error|warning) ([A-Z]+[0-9]+):").Select(m => m.Groups[1].Value).Distinct();
        Assert.That(errors, Is.EqualTo(new[] { "MEMO015" }), build.ToString());
    }
}
