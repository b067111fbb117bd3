using System.Collections.Generic;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// Memoized methods the generator cannot implement, each beside a valid one: the generator tests check that it stays
/// silent, the analyzer tests that the user is told why.
/// </summary>
internal static class InvalidInputs
{
    /// <summary>The name of the bad method in every case.</summary>
    public const string BadMethod = "Bad";

    private const string Valid = """
        [Memoize]
        public partial int Square(int x);
        private int SquareCore(int x) => x * x;
        """;

    public static IEnumerable<TestCaseData> Cases
    {
        get
        {
            yield return Case("public partial int Bad(object value);\nprivate int BadCore(object value) => 0;", "Unhashable parameter");
            yield return Case("public partial int Bad(System.IO.Stream value);\nprivate int BadCore(System.IO.Stream value) => 0;", "Stream parameter");
            yield return Case("public partial int Bad(System.Func<int> value);\nprivate int BadCore(System.Func<int> value) => 0;", "Delegate parameter");
            yield return Case("public partial int Bad(ref int value);\nprivate int BadCore(ref int value) => 0;", "ref parameter");
            yield return Case("public partial int Bad(int __key);\nprivate int BadCore(int __key) => 0;", "Parameter named like generated code");
            yield return Case("public partial int[] Bad(int value);\nprivate int[] BadCore(int value) => new int[0];", "Mutable array result");
            yield return Case("public partial System.Collections.Generic.List<int> Bad(int value);\nprivate System.Collections.Generic.List<int> BadCore(int value) => new();", "Mutable list result");
            yield return Case("public partial Settable Bad(int value);\nprivate Settable BadCore(int value) => new();", "Class with settable state");
            yield return Case("public partial int Bad(int value);", "Missing Core");
            yield return Case("public partial int Bad(int value);\nprivate long BadCore(int value) => 0;", "Core returns a type that does not convert");
            yield return Case("public partial System.Threading.Tasks.Task Bad(int value);\nprivate System.Threading.Tasks.Task BadCore(int value) => null!;", "Task without result");
            yield return Case("public partial T Bad<T>(int value);\nprivate T BadCore<T>(int value) => default!;", "Generic method");
            yield return Case("public partial int Bad(Mutable value);\nprivate int BadCore(Mutable value) => 0;", "Mutable class parameter");
            yield return Case("public static partial int Bad(int value);\nprivate static int BadCore(int value) => 0;", "No context");
            yield return Case("public partial int Bad(int value);\nprivate int BadCore(int value) => 0;\npublic partial int Bad(int value) => 1;", "Already implemented");
            yield return Case("[Memoize(Tags = new[] { \"disk\" }, Cacher = typeof(TextCacher))]\npublic partial int Bad(int value);\nprivate int BadCore(int value) => 0;", "Cacher of another type");
        }
    }

    /// <summary>
    /// The compiled source of a case: a context holding the valid method and the bad members, under a plain
    /// <c>[Memoize]</c> unless they begin with a <c>[Memoize(...)]</c> of their own.
    /// </summary>
    public static string Source(string badMembers) => $$"""
        using MemoGen;
        public sealed class Settable { public int Value { get; set; } }
        public sealed class Mutable { public int Value; }
        public sealed class TextCacher : IMemoCacher<string>
        {
            public void Save(string path, string value) { }
            public string Load(string path) => "";
        }
        public partial class Context : MemoContext
        {
            {{Valid}}

            {{(badMembers.StartsWith("[Memoize", System.StringComparison.Ordinal) ? "" : "[Memoize]")}}
            {{badMembers}}
        }
        """;

    private static TestCaseData Case(string badMembers, string name) => new TestCaseData(badMembers).SetName(name);
}
