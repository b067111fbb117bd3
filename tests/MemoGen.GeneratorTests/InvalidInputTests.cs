using System.Linq;
using MemoGen.GeneratorTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>What the generator cannot implement it leaves alone: no broken code, and the valid methods still generate.</summary>
public sealed class InvalidInputTests
{
    private const string Valid = """
        [Memoize]
        public partial int Square(int x);
        private int SquareCore(int x) => x * x;
        """;

    [TestCase("public partial int Bad(object value);\nprivate int BadCore(object value) => 0;", TestName = "Unhashable parameter")]
    [TestCase("public partial int Bad(System.IO.Stream value);\nprivate int BadCore(System.IO.Stream value) => 0;", TestName = "Stream parameter")]
    [TestCase("public partial int Bad(System.Func<int> value);\nprivate int BadCore(System.Func<int> value) => 0;", TestName = "Delegate parameter")]
    [TestCase("public partial int Bad(ref int value);\nprivate int BadCore(ref int value) => 0;", TestName = "ref parameter")]
    [TestCase("public partial int[] Bad(int value);\nprivate int[] BadCore(int value) => new int[0];", TestName = "Mutable array result")]
    [TestCase("public partial System.Collections.Generic.List<int> Bad(int value);\nprivate System.Collections.Generic.List<int> BadCore(int value) => new();", TestName = "Mutable list result")]
    [TestCase("public partial Settable Bad(int value);\nprivate Settable BadCore(int value) => new();", TestName = "Class with settable state")]
    [TestCase("public partial int Bad(int value);", TestName = "Missing Core")]
    [TestCase("public partial int Bad(int value);\nprivate long BadCore(int value) => 0;", TestName = "Core returns a type that does not convert")]
    [TestCase("public partial System.Threading.Tasks.Task Bad(int value);\nprivate System.Threading.Tasks.Task BadCore(int value) => null!;", TestName = "Task without result")]
    [TestCase("public partial T Bad<T>(int value);\nprivate T BadCore<T>(int value) => default!;", TestName = "Generic method")]
    [TestCase("public partial int Bad(Mutable value);\nprivate int BadCore(Mutable value) => 0;", TestName = "Mutable class parameter")]
    [TestCase("public static partial int Bad(int value);\nprivate static int BadCore(int value) => 0;", TestName = "No context")]
    [TestCase("public partial int Bad(int value);\nprivate int BadCore(int value) => 0;\npublic partial int Bad(int value) => 1;", TestName = "Already implemented")]
    public void A_method_that_cannot_be_generated_gets_no_code_and_the_rest_builds(string badMembers)
    {
        var source = $$"""
            using MemoGen;
            public sealed class Settable { public int Value { get; set; } }
            public sealed class Mutable { public int Value; }
            public partial class Context : MemoContext
            {
                {{Valid}}

                [Memoize]
                {{badMembers}}
            }
            """;

        var run = GeneratorTestHelper.Run(source);

        Assert.That(run.GeneratorDiagnostics, Is.Empty);
        Assert.That(run.Result.Results.Single().Exception, Is.Null);
        Assert.That(run.Files.Keys, Is.EqualTo(new[] { "Context.Square.g.cs" }));
        var generatedErrors = run.Errors.Where(e => e.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
        Assert.That(generatedErrors.Select(GeneratorRun.Describe), Is.Empty);
        var userErrors = run.Errors.Select(e => e.Id).Distinct();
        Assert.That(userErrors, Is.SubsetOf(new[] { "CS8795", "CS0111", "CS0756", "CS8796", "CS0501", "CS0103" }), "only the unimplemented partial is left for the user to see");
    }
}
