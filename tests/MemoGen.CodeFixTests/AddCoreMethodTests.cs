using System.Threading.Tasks;
using MemoGen.CodeFixes;
using MemoGen.CodeFixTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.CodeFixTests;

public sealed class AddCoreMethodTests
{
    private const string Id = "MEMO006";

    private static Task AssertFixAsync(string markup, string expected) =>
        CodeFixTestHelper.AssertFixAsync(new AddCoreMethodCodeFixProvider(), Id, markup, expected);

    [Test]
    public Task AddsAPrivateInstanceCoreWithoutAttributesOrDefaults() => AssertFixAsync(
        """
        using System.Collections.Immutable;
        using MemoGen;

        namespace Astro;

        public sealed record MapDescriptor(string Name, int NSide);

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize(Name = "rms_squared")]
            public partial ImmutableArray<double> [|RmsSquared|](MapDescriptor map, [MemoIgnore] bool verbose = false);
        }
        """,
        """
        using System.Collections.Immutable;
        using MemoGen;

        namespace Astro;

        public sealed record MapDescriptor(string Name, int NSide);

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize(Name = "rms_squared")]
            public partial ImmutableArray<double> RmsSquared(MapDescriptor map, [MemoIgnore] bool verbose = false);

            private ImmutableArray<double> RmsSquaredCore(MapDescriptor map, bool verbose)
            {
                throw new System.NotImplementedException();
            }
        }
        """);

    [Test]
    public Task AddsAStaticAsyncCoreInANestedGenericType() => AssertFixAsync(
        """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Deep
        {
            public static partial class Outer<T>
            {
                public static partial class Spectra
                {
                    [Memoize]
                    public static partial Task<IReadOnlyList<int>> [|FrobnifyAsync|](MemoContext ctx, int seed, CancellationToken cancellationToken);

                    public static int Other() => 0;
                }
            }
        }
        """,
        """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Deep
        {
            public static partial class Outer<T>
            {
                public static partial class Spectra
                {
                    [Memoize]
                    public static partial Task<IReadOnlyList<int>> FrobnifyAsync(MemoContext ctx, int seed, CancellationToken cancellationToken);

                    private static Task<IReadOnlyList<int>> FrobnifyAsyncCore(MemoContext ctx, int seed, CancellationToken cancellationToken)
                    {
                        throw new System.NotImplementedException();
                    }

                    public static int Other() => 0;
                }
            }
        }
        """);

    [Test]
    public Task AddsAnInstanceCoreForAMethodWithAContextParameter() => AssertFixAsync(
        """
        using System.Threading.Tasks;
        using MemoGen;

        public sealed partial record Telescope(string Site)
        {
            [Memoize]
            internal partial ValueTask<int> [|Exposures|](MemoContext context, (int Night, int Filter) slot, int? limit);
        }
        """,
        """
        using System.Threading.Tasks;
        using MemoGen;

        public sealed partial record Telescope(string Site)
        {
            [Memoize]
            internal partial ValueTask<int> Exposures(MemoContext context, (int Night, int Filter) slot, int? limit);

            private ValueTask<int> ExposuresCore(MemoContext context, (int Night, int Filter) slot, int? limit)
            {
                throw new System.NotImplementedException();
            }
        }
        """);
}
