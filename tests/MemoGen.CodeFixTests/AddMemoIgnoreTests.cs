using System.Threading.Tasks;
using MemoGen.CodeFixes;
using MemoGen.CodeFixTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.CodeFixTests;

public sealed class AddMemoIgnoreTests
{
    private const string Id = "MEMO001";

    private static Task AssertFixAsync(string markup, string expected) =>
        CodeFixTestHelper.AssertFixAsync(new AddMemoIgnoreCodeFixProvider(), Id, markup, expected);

    [Test]
    public Task AddsMemoIgnoreToTheParameter() => AssertFixAsync(
        """
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial int Describe(int size, [|object tag|]);
            private int DescribeCore(int size, object tag) => size;
        }
        """,
        """
        using MemoGen;

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize]
            public partial int Describe(int size, [MemoIgnore] object tag);
            private int DescribeCore(int size, object tag) => size;
        }
        """);

    [Test]
    public Task FixesAParameterOnItsOwnLineInANestedGenericType() => AssertFixAsync(
        """
        using System.IO;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Deep;

        public static partial class Outer<T>
        {
            public static partial class Readers
            {
                [Memoize]
                public static partial Task<int> LengthAsync(MemoContext context, int key,
                    Stream [|source|]);
                private static Task<int> LengthAsyncCore(MemoContext context, int key, Stream source) => Task.FromResult(key);
            }
        }
        """,
        """
        using System.IO;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Deep;

        public static partial class Outer<T>
        {
            public static partial class Readers
            {
                [Memoize]
                public static partial Task<int> LengthAsync(MemoContext context, int key,
                    [MemoIgnore] Stream source);
                private static Task<int> LengthAsyncCore(MemoContext context, int key, Stream source) => Task.FromResult(key);
            }
        }
        """);

    // "][" is how the formatter writes adjacent attribute lists on a parameter.
    [Test]
    public Task KeepsTheNamespaceWhenMemoGenIsNotImportedAndAppendsToExistingAttributes() => AssertFixAsync(
        """
        public partial class Sky(MemoGen.MemoOptions options) : MemoGen.MemoContext(options)
        {
            [MemoGen.Memoize]
            public partial int Describe([System.Diagnostics.CodeAnalysis.NotNull] object [|tag|]);
            private int DescribeCore(object tag) => 0;
        }
        """,
        """
        public partial class Sky(MemoGen.MemoOptions options) : MemoGen.MemoContext(options)
        {
            [MemoGen.Memoize]
            public partial int Describe([System.Diagnostics.CodeAnalysis.NotNull][MemoGen.MemoIgnore] object tag);
            private int DescribeCore(object tag) => 0;
        }
        """);
}
