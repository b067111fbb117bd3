using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MemoGen.GeneratorTests.Analyzer;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>
/// A generic memoized method (MEMO015) gets a throwing stub that restates its type parameters and constraints exactly,
/// so that the compiler reports no CS8795 and goes on to run the analyzer: the compilation's only errors are the
/// marked MEMO015s, and the generated files have no warnings (no CS0761, CS8667 or CS8826 on the stub).
/// </summary>
public sealed class GenericStubTests
{
    private const string Valid = """
        [Memoize] public partial int Square(int x);
        private int SquareCore(int x) => x * x;
        """;

    private const string EveryConstraint = $$"""
        public interface IShape<T> { }
        public class Shape { }
        [AttributeUsage(AttributeTargets.GenericParameter)] public sealed class MarkAttribute : Attribute { }

        public partial class Context : MemoContext
        {
            {{Valid}}

            [Memoize] public partial T {|MEMO015:Bad|}<[Mark] T, U, V, W, X, Y, Z, Q, R, S>(T value, U other)
                where T : class?, IComparable<T?>, IShape<U>?, new()
                where U : struct, IEquatable<U>
                where V : unmanaged, Enum
                where W : notnull
                where X : Shape?, IDisposable
                where Y : Z, T
                where Z : allows ref struct
                where Q : new(), allows ref struct
                where R : class, IEnumerable<T>, IShape<R>
                where S : Delegate;
        }
        """;

    public static IEnumerable<TestCaseData> Cases
    {
        get
        {
            yield return Case("Every kind of constraint", ["Context.Bad.g.cs", "Context.Square.g.cs"], EveryConstraint);
            yield return Case("Nullable annotations disabled", ["Context.Bad.g.cs", "Context.Square.g.cs"], $$"""
                #nullable disable
                public partial class Context : MemoContext
                {
                    {{Valid}}

                    [Memoize] public partial T {|MEMO015:Bad|}<T, U>(T value, U other) where T : class, IComparable<T> where U : IEnumerable<T>;
                }
                """);
            yield return Case("Generic containing type", ["Outer_1.Context.Bad.g.cs", "Outer_1.Context.Square.g.cs", "Outer_1.Context.Pick.g.cs"], $$"""
                public partial class Outer<T> where T : class
                {
                    public partial class Context : MemoContext
                    {
                        {{Valid}}

                        [Memoize] internal partial T {|MEMO015:Bad|}<U>(U value) where U : T, IEquatable<U>;
                        [Memoize] private static partial U {|MEMO015:Pick|}<U>(MemoContext context, U value) where U : unmanaged;
                    }
                }
                """);
            yield return Case("Type parameter named like the containing type's", ["Outer_1.Context.Bad.g.cs", "Outer_1.Context.Square.g.cs"], $$"""
                public partial class Outer<T>
                {
                    public partial class Context : MemoContext
                    {
                        {{Valid}}

                        [Memoize] public partial T {|MEMO015:Bad|}<T>(T value) where T : notnull;
                    }
                }
                """);
            yield return Case("Override", ["Context.Bad.g.cs", "Context.Bad2.g.cs", "Context.Bad3.g.cs", "Context.Square.g.cs"], $$"""
                public abstract class Base : MemoContext
                {
                    public abstract T? Bad<T>(T? value) where T : class;
                    public abstract T? Bad2<T>(T? value);
                    public abstract T? Bad3<T>(T? value) where T : struct;
                }

                public partial class Context : Base
                {
                    {{Valid}}

                    [Memoize] public override partial T? {|MEMO015:Bad|}<T>(T? value) where T : class;
                    [Memoize] public override partial T? {|MEMO015:Bad2|}<T>(T? value) where T : default;
                    [Memoize] public override partial T? {|MEMO015:Bad3|}<T>(T? value);
                }
                """);
            yield return Case("Keyword as a type parameter's name", ["Context.Bad.g.cs", "Context.Square.g.cs"], $$"""
                public partial class Context : MemoContext
                {
                    {{Valid}}

                    [Memoize] public partial @class {|MEMO015:Bad|}<@class>(@class value) where @class : IEquatable<@class>;
                }
                """);
            yield return Case("Already implemented", ["Context.Square.g.cs"], $$"""
                public partial class Context : MemoContext
                {
                    {{Valid}}

                    [Memoize] public partial T {|MEMO015:Bad|}<T>(T value) where T : struct;
                    public partial T Bad<T>(T value) where T : struct => value;
                }
                """);
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task A_generic_method_is_stubbed_and_MEMO015_is_the_only_error(string source, string[] files)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, source);

        Assert.That(run.Generator.Files.Keys, Is.EquivalentTo(files), "each generic method not already implemented gets a stub");
        var others = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("MEMO", StringComparison.Ordinal));
        Assert.That(others.Select(GeneratorRun.Describe), Is.Empty, "no CS8795, and no CS0761 or other error from the stub");
        Assert.That(run.Generator.GeneratedWarnings.Select(GeneratorRun.Describe), Is.Empty);
    }

    [Test]
    public void The_stub_of_a_generic_method_matches_its_snapshot()
    {
        var run = GeneratorTestHelper.RunAndCompile(AnalyzerTestHelper.Usings + Markup.Parse(EveryConstraint).Source);

        Snapshot.Verify("GenericStub", run.Files["Context.Bad.g.cs"]);
    }

    [TestCase("[Memoize] public partial T Bad<T>(T value) where T : Missing;", TestName = "A constraint that does not resolve")]
    [TestCase("[Memoize] public override partial T Bad<T>(T value) where T : IDisposable;", TestName = "A constraint an override may not state")]
    public void A_generic_method_whose_constraints_the_compiler_rejects_gets_no_stub(string badMember)
    {
        var run = GeneratorTestHelper.Run($$"""
            using System;
            using MemoGen;
            public abstract class Base : MemoContext { public abstract T Bad<T>(T value) where T : IDisposable; }
            public partial class Context : Base
            {
                {{Valid}}

                {{badMember}}
            }
            """);

        Assert.That(run.Files.Keys, Is.EquivalentTo(new[] { "Context.Square.g.cs" }));
        Assert.That(run.Errors.Where(e => e.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true).Select(GeneratorRun.Describe), Is.Empty);
        Assert.That(run.Errors.Select(e => e.Id), Does.Contain("CS0246").Or.Contain("CS0460"), "the compiler names the problem");
    }

    private static TestCaseData Case(string name, string[] files, string source) => new TestCaseData(source, files).SetName(name);
}
