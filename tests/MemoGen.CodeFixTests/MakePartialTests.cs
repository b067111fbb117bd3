using System.Threading.Tasks;
using MemoGen.CodeFixes;
using MemoGen.CodeFixTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.CodeFixTests;

public sealed class MakePartialTests
{
    private const string Id = "MEMO004";

    private static Task AssertFixAsync(string markup, string expected) =>
        CodeFixTestHelper.AssertFixAsync(new MakePartialCodeFixProvider(), Id, markup, expected);

    [Test]
    public Task AddsPartialToTheMethod() => AssertFixAsync(
        """
        using MemoGen;

        namespace Astro;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public int [|Area|](int side);

            private int AreaCore(int side) => side * side;
        }
        """,
        """
        using MemoGen;

        namespace Astro;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial int Area(int side);

            private int AreaCore(int side) => side * side;
        }
        """);

    [Test]
    public Task AddsPartialToEveryContainingTypeThatLacksIt() => AssertFixAsync(
        """
        using System.Threading.Tasks;
        using MemoGen;

        namespace Deep.Models
        {
            public class Outer<T>
            {
                internal partial class Middle
                {
                    sealed record Inner(int Size)
                    {
                        [Memoize]
                        public static Task<int> [|CountAsync|](MemoContext context, int value);

                        private static Task<int> CountAsyncCore(MemoContext context, int value) => Task.FromResult(value);
                    }
                }
            }
        }
        """,
        """
        using System.Threading.Tasks;
        using MemoGen;

        namespace Deep.Models
        {
            public partial class Outer<T>
            {
                internal partial class Middle
                {
                    sealed partial record Inner(int Size)
                    {
                        [Memoize]
                        public static partial Task<int> CountAsync(MemoContext context, int value);

                        private static Task<int> CountAsyncCore(MemoContext context, int value) => Task.FromResult(value);
                    }
                }
            }
        }
        """);

    [Test]
    public Task ReportedForTheContainingTypesMakesThemPartial() => AssertFixAsync(
        """
        using MemoGen;

        public static class Spectra
        {
            public class Bins
            {
                [Memoize]
                public static partial int [|Count|](MemoContext context, int width);

                private static int CountCore(MemoContext context, int width) => width;
            }
        }
        """,
        """
        using MemoGen;

        public static partial class Spectra
        {
            public partial class Bins
            {
                [Memoize]
                public static partial int Count(MemoContext context, int width);

                private static int CountCore(MemoContext context, int width) => width;
            }
        }
        """);

    [Test]
    public Task GoesAfterRefInARefStruct() => AssertFixAsync(
        """
        using MemoGen;

        public ref struct Window
        {
            [Memoize]
            public static partial int [|Width|](MemoContext context, int pixels);

            private static int WidthCore(MemoContext context, int pixels) => pixels;
        }
        """,
        """
        using MemoGen;

        public ref partial struct Window
        {
            [Memoize]
            public static partial int Width(MemoContext context, int pixels);

            private static int WidthCore(MemoContext context, int pixels) => pixels;
        }
        """);

    [Test]
    public Task FixAllAddsPartialToASharedContainingTypeOnce() => CodeFixTestHelper.AssertFixAllAsync(
        new MakePartialCodeFixProvider(),
        Id,
        """
        using MemoGen;

        public class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public int [|Area|](int side);

            [Memoize]
            public int [|Volume|](int side);

            private int AreaCore(int side) => side * side;

            private int VolumeCore(int side) => side * side * side;
        }
        """,
        """
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial int Area(int side);

            [Memoize]
            public partial int Volume(int side);

            private int AreaCore(int side) => side * side;

            private int VolumeCore(int side) => side * side * side;
        }
        """);
}
