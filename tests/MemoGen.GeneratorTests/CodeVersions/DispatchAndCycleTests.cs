using NUnit.Framework;

namespace MemoGen.GeneratorTests.CodeVersions;

/// <summary>Cycles, calls between memoized methods, virtual and interface calls.</summary>
public sealed class DispatchAndCycleTests
{
    private const string Cycle = """
        using MemoGen;

        public partial class Numbers(MemoOptions options) : MemoContext(options)
        {
            [Memoize] public partial int Even(int n);
            private int EvenCore(int n) => n == 0 ? 1 : Odd(n - 1);

            [Memoize] public partial int Odd(int n);
            private int OddCore(int n) => n == 0 ? 0 : Even(n - 1);

            [Memoize] public partial int Collatz(int n);
            private int CollatzCore(int n) => Steps(n);

            private static int Steps(int n) => n <= 1 ? 0 : 1 + Steps(n % 2 == 0 ? n / 2 : 3 * n + 1);
        }
        """;

    private const string Shapes = """
        using MemoGen;

        public abstract class Shape
        {
            public abstract double Area(double size);
        }

        public sealed class Square : Shape
        {
            public override double Area(double size) => size * size;
        }

        public sealed class Circle : Shape
        {
            public override double Area(double size) => 3.14159 * size * size;
        }

        public interface IScale { double Apply(double x); }

        public sealed class Doubling : IScale { public double Apply(double x) => 2 * x; }

        public partial class Geometry(MemoOptions options) : MemoContext(options)
        {
            [Memoize] public partial double Total(double size);
            private double TotalCore(double size) => Pick(size).Area(size);

            [Memoize] public partial double Scaled(double x);
            private double ScaledCore(double x) => Scale().Apply(x);

            private static Shape Pick(double size) => size > 1 ? new Square() : new Circle();

            private static IScale Scale() => new Doubling();
        }
        """;

    [Test]
    public void Memoized_methods_that_call_each_other_and_a_recursive_helper_compile()
    {
        var before = CodeVersionRun.Of(Cycle);

        Assert.That(before.Covers("Even"), Does.Contain("Numbers.OddCore(int)"), "a call to a memoized method follows its Core");
        Assert.That(before.Covers("Collatz"), Does.Contain("Numbers.Steps(int)"));

        var after = CodeVersionRun.Of(Cycle.Replace("n == 0 ? 0 : Even(n - 1)", "n == 0 ? 0 : Even(n - 1) + 0"));
        Assert.That(after.Version("Even"), Is.Not.EqualTo(before.Version("Even")), "Even calls Odd, whose Core changed");
        Assert.That(after.Version("Collatz"), Is.EqualTo(before.Version("Collatz")));
    }

    [Test]
    public void A_virtual_call_covers_every_override_in_the_compilation()
    {
        var before = CodeVersionRun.Of(Shapes);

        Assert.That(before.Covers("Total"), Is.SupersetOf(new[] { "Shape.Area(double)", "Square.Area(double)", "Circle.Area(double)" }));

        var after = CodeVersionRun.Of(Shapes.Replace("3.14159 * size * size", "3.1415926 * size * size"));
        Assert.That(after.Version("Total"), Is.Not.EqualTo(before.Version("Total")), "an override changed");
        Assert.That(after.Version("Scaled"), Is.EqualTo(before.Version("Scaled")));
    }

    [Test]
    public void An_interface_call_covers_every_implementation_in_the_compilation()
    {
        var before = CodeVersionRun.Of(Shapes);

        Assert.That(before.Covers("Scaled"), Does.Contain("Doubling.Apply(double)"));

        var after = CodeVersionRun.Of(Shapes.Replace("=> 2 * x;", "=> x + x;"));
        Assert.That(after.Version("Scaled"), Is.Not.EqualTo(before.Version("Scaled")));
    }

    [Test]
    public void A_call_into_a_referenced_assembly_covers_that_assemblys_name_and_version()
    {
        var run = CodeVersionRun.Of("""
            using System;
            using MemoGen;

            public partial class Roots(MemoOptions options) : MemoContext(options)
            {
                [Memoize] public partial double Root(double x);
                private double RootCore(double x) => Math.Sqrt(x);
            }
            """);

        Assert.That(run.Covers("Root"), Has.Some.Match(@"^assembly System\.[A-Za-z.]+, Version=\d+\.\d+\.\d+\.\d+$"));
    }
}
