using System.Linq;
using System.Threading.Tasks;
using MemoGen.GeneratorTests.Infrastructure;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Analyzer;

/// <summary>
/// The type named by <c>[Memoize(Cacher = typeof(...))]</c>: MEMO018 (it cannot be created, or handles another type)
/// and MEMO019 (the method stores nothing), both on the <c>Cacher</c> argument.
/// </summary>
public sealed class CacherDiagnosticTests
{
    private const string Types = """
        public sealed record Model(string Name);
        public sealed class ModelCacher : IMemoCacher<Model>
        {
            public void Save(string path, Model value) { }
            public Model Load(string path) => new("");
        }
        public sealed class IntCacher : IMemoCacher<int>
        {
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public abstract class AbstractCacher : IMemoCacher<int>
        {
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public interface IIntCacher : IMemoCacher<int> { }
        public static class StaticCacher { }
        public sealed class GenericCacher<T> : IMemoCacher<T>
        {
            public void Save(string path, T value) { }
            public T Load(string path) => default!;
        }
        public sealed class ConfiguredCacher(string root) : IMemoCacher<int>
        {
            public void Save(string path, int value) { }
            public int Load(string path) => root.Length;
        }
        public sealed class HiddenCacher : IMemoCacher<int>
        {
            private HiddenCacher() { }
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public ref struct RefCacher : IMemoCacher<int>
        {
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public sealed class RequiringCacher : IMemoCacher<int>
        {
            public required string Root { get; init; }
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public class RequiringBase
        {
            public required string Root { get; init; }
        }
        public sealed class InheritedRequiringCacher : RequiringBase, IMemoCacher<int>
        {
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public sealed class SettingCacher : IMemoCacher<int>
        {
            [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
            public SettingCacher() => Root = "";
            public required string Root { get; init; }
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public sealed class NotACacher { }
        public enum Kind { A }
        public struct StructCacher : IMemoCacher<int>
        {
            public void Save(string path, int value) { }
            public int Load(string path) => 0;
        }
        public sealed class ArrayCacher : IMemoCacher<ImmutableArray<double>>
        {
            public void Save(string path, ImmutableArray<double> value) { }
            public ImmutableArray<double> Load(string path) => [];
        }
        public sealed class SetCacher : IMemoCacher<IReadOnlySet<int>>
        {
            public void Save(string path, IReadOnlySet<int> value) { }
            public IReadOnlySet<int> Load(string path) => new HashSet<int>();
        }
        public sealed class TextCacher : IMemoCacher<string>
        {
            public void Save(string path, string value) { }
            public string Load(string path) => "";
        }
        public sealed class MaybeTextCacher : IMemoCacher<string?>
        {
            public void Save(string path, string? value) { }
            public string? Load(string path) => null;
        }

        """;

    [TestCase("AbstractCacher", "is abstract, so it cannot be created")]
    [TestCase("IIntCacher", "is an interface, which cannot be created")]
    [TestCase("StaticCacher", "is static, so it cannot be created")]
    [TestCase("GenericCacher<>", "is an open generic type")]
    [TestCase("ConfiguredCacher", "has no public parameterless constructor")]
    [TestCase("HiddenCacher", "has no public parameterless constructor")]
    [TestCase("RefCacher", "is a ref struct")]
    [TestCase("RequiringCacher", "has required members")]
    [TestCase("InheritedRequiringCacher", "has required members")]
    [TestCase("Kind", "is an enum, not a class or struct")]
    [TestCase("int[]", "is an array, not a class or struct")]
    public async Task A_cacher_that_cannot_be_created_is_MEMO018_on_the_argument(string cacher, string reason)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize(Tags = new[] { "disk" }, {|MEMO018:Cacher = typeof({{cacher}})|})] public partial int Bad(int value);
                private int BadCore(int value) => value;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.StartWith("The cacher '").And.Contain("' of 'Context.Bad' " + reason)
            .And.EndWith("; name a class or struct with a public parameterless constructor that implements IMemoCacher<int>"));
    }

    [TestCase("int", "NotACacher", "does not implement IMemoCacher<T>", "IMemoCacher<int>")]
    [TestCase("int", "ModelCacher", "implements 'IMemoCacher<Model>', not one for the cached value type", "IMemoCacher<int>")]
    [TestCase("Task<Model>", "GenericCacher<Task<Model>>", "implements 'IMemoCacher<Task<Model>>', not one for the cached value type", "IMemoCacher<Model>")]
    [TestCase("ImmutableArray<double>", "GenericCacher<double[]>", "implements 'IMemoCacher<double[]>'", "IMemoCacher<ImmutableArray<double>>")]
    [TestCase("string?", "TextCacher", "implements 'IMemoCacher<string>'", "IMemoCacher<string?>")]
    [TestCase("ImmutableArray<string>", "GenericCacher<ImmutableArray<string?>>", "implements 'IMemoCacher<ImmutableArray<string?>>'", "IMemoCacher<ImmutableArray<string>>")]
    public async Task A_cacher_of_another_type_is_MEMO018_naming_the_expected_interface(string returnType, string cacher, string reason, string expected)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize(Tags = new[] { "disk" }, {|MEMO018:Cacher = typeof({{cacher}})|})] public partial {{returnType}} Bad(int value);
                private {{returnType}} BadCore(int value) => throw null!;
            }
            """);

        Assert.That(run.Single.GetMessage(), Does.Contain($"' of 'Context.Bad' {reason}").And.EndWith($"implements {expected}"));
    }

    [TestCase("", "")]
    [TestCase("Tags = new[] { \"fast\" }, ", "{|MEMO014:\"fast\"|}")]
    public async Task A_cacher_on_a_method_that_stores_nothing_is_a_MEMO019_warning_and_the_method_still_generates(string tags, string markedTag)
    {
        var attribute = tags.Length == 0 ? "" : tags.Replace("\"fast\"", markedTag);
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Warning, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize({{attribute}}{|MEMO019:Cacher = typeof(IntCacher)|})] public partial int Square(int value);
                private int SquareCore(int value) => value * value;
            }
            """);

        Assert.That(run.Memo.Single(d => d.Id == "MEMO019").GetMessage(), Is.EqualTo(
            "'Context.Square' names the cacher 'IntCacher' but has neither the 'disk' nor the 'lazy' tag, so nothing is ever written through it; add one of them, or remove Cacher"));
        Assert.That(run.Generator.Files.Keys, Is.EqualTo(new[] { "Context.Square.g.cs" }));
    }

    [TestCase("disk", "int", "IntCacher")]
    [TestCase("disk", "int", "SettingCacher")]
    [TestCase("lazy", "int", "StructCacher")]
    [TestCase("disk", "int", "GenericCacher<int>")]
    [TestCase("disk", "Task<Model>", "ModelCacher")]
    [TestCase("lazy", "ValueTask<Model>", "ModelCacher")]
    [TestCase("disk", "ImmutableArray<double>", "ArrayCacher")]
    [TestCase("disk", "string", "TextCacher")]
    [TestCase("disk", "string?", "MaybeTextCacher")]
    [TestCase("disk", "IReadOnlySet<int>", "SetCacher")]
    public async Task A_fitting_cacher_on_a_stored_method_is_fine_and_passed_to_the_function(string tag, string returnType, string cacher)
    {
        var run = await AnalyzerTestHelper.VerifyAsync(DiagnosticSeverity.Error, Types + $$"""
            public partial class Context : MemoContext
            {
                [Memoize(Tags = new[] { "{{tag}}" }, Cacher = typeof({{cacher}}))] public partial {{returnType}} Fine(int value);
                private {{returnType}} FineCore(int value) => throw null!;
            }
            """);

        Assert.That(run.Generator.GeneratedWarnings.Select(GeneratorRun.Describe), Is.Empty);
        Assert.That(run.Generator.Files["Context.Fine.g.cs"], Does.Contain($", cacher: new global::{cacher}(), ").Or.Contain($", cacher: new global::{cacher}());"));
    }

    [Test]
    public async Task A_cacher_the_compiler_cannot_resolve_is_left_to_the_compiler()
    {
        var run = await AnalyzerTestHelper.RunAsync(AnalyzerTestHelper.Usings + """
            public partial class Context : MemoContext
            {
                [Memoize(Tags = new[] { "disk" }, Cacher = typeof(Missing))] public partial int Bad(int value);
                private int BadCore(int value) => value;
            }
            """);

        Assert.That(run.AnalyzerExceptions, Is.Empty);
        Assert.That(run.Memo, Is.Empty);
        Assert.That(run.Diagnostics.Select(d => d.Id), Does.Contain("CS0246"));
    }
}
