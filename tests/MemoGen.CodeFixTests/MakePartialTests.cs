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
                        public static Task<int> [|CountAsync|](MemoContext context, T value);
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
                        public static partial Task<int> CountAsync(MemoContext context, T value);
                    }
                }
            }
        }
        """);

    [Test]
    public Task KeepsIndentationWhenTheDeclarationHasNoModifiers() => AssertFixAsync(
        """
        using MemoGen;

        struct Grid
        {
            [Memoize]
            int [|Cells|](MemoContext context, int side);
        }
        """,
        """
        using MemoGen;

        partial struct Grid
        {
            [Memoize]
            partial int Cells(MemoContext context, int side);
        }
        """);

    [Test]
    public Task ReportedOnAContainingTypeMakesItAndItsContainersPartial() => AssertFixAsync(
        """
        using MemoGen;

        public static class Spectra
        {
            public class [|Bins|]
            {
                [Memoize]
                public partial int Count(MemoContext context, int width);
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
                public partial int Count(MemoContext context, int width);
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
        }
        """,
        """
        using MemoGen;

        public ref partial struct Window
        {
            [Memoize]
            public static partial int Width(MemoContext context, int pixels);
        }
        """);

    [Test]
    public Task OffersNothingWhenEverythingIsAlreadyPartial() => CodeFixTestHelper.AssertNoFixAsync(
        new MakePartialCodeFixProvider(),
        Id,
        """
        using MemoGen;

        public static partial class Spectra
        {
            [Memoize]
            public static partial int [|Count|](MemoContext context, int width);
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
        }
        """);
}
