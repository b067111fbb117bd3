using System.Threading.Tasks;
using MemoGen.CodeFixes;
using MemoGen.CodeFixTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.CodeFixTests;

public sealed class UseImmutableReturnTypeTests
{
    private const string Id = "MEMO008";

    private static Task AssertFixAsync(string markup, string expected) =>
        CodeFixTestHelper.AssertFixAsync(new UseImmutableReturnTypeCodeFixProvider(), Id, markup, expected);

    private static Task AssertNoFixAsync(string markup) =>
        CodeFixTestHelper.AssertNoFixAsync(new UseImmutableReturnTypeCodeFixProvider(), Id, markup);

    [Test]
    public Task ArrayBecomesImmutableArrayAndTheUsingIsAdded() => AssertFixAsync(
        """
        using MemoGen;

        namespace Astro;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial [|double[]|] Samples(int count);

            private double[] SamplesCore(int count) => new double[count];
        }
        """,
        """
        using System.Collections.Immutable;
        using MemoGen;

        namespace Astro;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial ImmutableArray<double> Samples(int count);

            private double[] SamplesCore(int count) => new double[count];
        }
        """);

    [Test]
    public Task ListBecomesIReadOnlyListInANestedGenericType() => AssertFixAsync(
        """
        using System.Collections.Generic;
        using MemoGen;

        namespace Deep
        {
            public partial class Outer<T>
            {
                private partial class Inner
                {
                    [Memoize]
                    internal static partial [|List<string>|] Expand(MemoContext context, int seed);

                    private static List<string> ExpandCore(MemoContext context, int seed) => [];
                }
            }
        }
        """,
        """
        using System.Collections.Generic;
        using MemoGen;

        namespace Deep
        {
            public partial class Outer<T>
            {
                private partial class Inner
                {
                    [Memoize]
                    internal static partial IReadOnlyList<string> Expand(MemoContext context, int seed);

                    private static List<string> ExpandCore(MemoContext context, int seed) => [];
                }
            }
        }
        """);

    [Test]
    public Task QualifiedListBecomesIReadOnlyList() => AssertFixAsync(
        """
        using MemoGen;

        public static partial class Spectra
        {
            [Memoize]
            public static partial [|System.Collections.Generic.List<string>|] Names(MemoContext context, int count);

            private static System.Collections.Generic.List<string> NamesCore(MemoContext context, int count) => [];
        }
        """,
        """
        using System.Collections.Generic;
        using MemoGen;

        public static partial class Spectra
        {
            [Memoize]
            public static partial IReadOnlyList<string> Names(MemoContext context, int count);

            private static System.Collections.Generic.List<string> NamesCore(MemoContext context, int count) => [];
        }
        """);

    [Test]
    public Task ListSpelledThroughAnAliasBecomesIReadOnlyList() => AssertFixAsync(
        """
        using System.Collections.Generic;
        using MemoGen;
        using Names = System.Collections.Generic.List<string>;

        public static partial class Catalog
        {
            [Memoize]
            public static partial [|Names|] All(MemoContext context);

            private static Names AllCore(MemoContext context) => [];
        }
        """,
        """
        using System.Collections.Generic;
        using MemoGen;
        using Names = System.Collections.Generic.List<string>;

        public static partial class Catalog
        {
            [Memoize]
            public static partial IReadOnlyList<string> All(MemoContext context);

            private static Names AllCore(MemoContext context) => [];
        }
        """);

    [Test]
    public Task DictionaryInsideTaskBecomesFrozenDictionary() => AssertFixAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MemoGen;

        public static partial class Spectra
        {
            [Memoize]
            public static partial [|Task<Dictionary<string, double>>|] PeaksAsync(MemoContext context, int count);

            private static Task<Dictionary<string, double>> PeaksAsyncCore(MemoContext context, int count) => Task.FromResult(new Dictionary<string, double>());
        }
        """,
        """
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MemoGen;

        public static partial class Spectra
        {
            [Memoize]
            public static partial Task<FrozenDictionary<string, double>> PeaksAsync(MemoContext context, int count);

            private static Task<Dictionary<string, double>> PeaksAsyncCore(MemoContext context, int count) => Task.FromResult(new Dictionary<string, double>());
        }
        """);

    [Test]
    public Task HashSetInsideValueTaskBecomesFrozenSet() => AssertFixAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MemoGen;

        public readonly record struct Cell(int X, int Y);

        public partial class Grid(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial [|ValueTask<HashSet<Cell>>|] NeighboursAsync(Cell cell);

            private ValueTask<HashSet<Cell>> NeighboursAsyncCore(Cell cell) => new(new HashSet<Cell>());
        }
        """,
        """
        using System.Collections.Frozen;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MemoGen;

        public readonly record struct Cell(int X, int Y);

        public partial class Grid(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial ValueTask<FrozenSet<Cell>> NeighboursAsync(Cell cell);

            private ValueTask<HashSet<Cell>> NeighboursAsyncCore(Cell cell) => new(new HashSet<Cell>());
        }
        """);

    [Test]
    public Task ArrayInsideTaskBecomesImmutableArray() => AssertFixAsync(
        """
        using System.Threading.Tasks;
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial [|Task<double[]>|] SamplesAsync(int count);

            private Task<double[]> SamplesAsyncCore(int count) => Task.FromResult(new double[count]);
        }
        """,
        """
        using System.Collections.Immutable;
        using System.Threading.Tasks;
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial Task<ImmutableArray<double>> SamplesAsync(int count);

            private Task<double[]> SamplesAsyncCore(int count) => Task.FromResult(new double[count]);
        }
        """);

    [TestCase("int[,]")]
    [TestCase("int[][]")]
    [TestCase("Task<Buffer>")]
    [TestCase("Buffer")]
    public Task OffersNothingForOtherTypes(string returnType) => AssertNoFixAsync(
        $$"""
        using System.Threading.Tasks;
        using MemoGen;

        public sealed class Buffer
        {
            public int Length { get; set; }
        }

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial [|{{returnType}}|] Samples(int count);
        }
        """);

    [Test]
    public Task FixAllAddsEachUsingOnce() => CodeFixTestHelper.AssertFixAllAsync(
        new UseImmutableReturnTypeCodeFixProvider(),
        Id,
        """
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial [|double[]|] Samples(int count);

            private double[] SamplesCore(int count) => new double[count];

            [Memoize]
            public partial [|int[]|] Counts(int count);

            private int[] CountsCore(int count) => new int[count];
        }
        """,
        """
        using System.Collections.Immutable;
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial ImmutableArray<double> Samples(int count);

            private double[] SamplesCore(int count) => new double[count];

            [Memoize]
            public partial ImmutableArray<int> Counts(int count);

            private int[] CountsCore(int count) => new int[count];
        }
        """);
}
