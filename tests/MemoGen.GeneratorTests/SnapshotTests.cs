using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using MemoGen.Generator;
using MemoGen.GeneratorTests.Infrastructure;
using NUnit.Framework;

namespace MemoGen.GeneratorTests;

/// <summary>The generated source of each form, compared with its checked-in snapshot.</summary>
public sealed class SnapshotTests
{
    [TestCase(nameof(Sources.ContextIsThis), Sources.ContextIsThis, "Astro.Sky.RmsSquared.g.cs")]
    [TestCase(nameof(Sources.StaticWithContext), Sources.StaticWithContext, "Astro.Spectra.FrobnifyAsync.g.cs")]
    [TestCase(nameof(Sources.InstanceWithContext), Sources.InstanceWithContext, "Telescope.Exposures.g.cs")]
    [TestCase(nameof(Sources.NestedGeneric), Sources.NestedGeneric, "Deep.Models.Outer_1.Grid.Render.g.cs")]
    [TestCase(nameof(Sources.Cacher), Sources.Cacher, "Lab.Trainer.TrainAsync.g.cs")]
    public void Generated_source_matches_its_snapshot(string name, string source, string hintName)
    {
        var run = GeneratorTestHelper.RunAndCompile(source);

        Assert.That(run.Files.Keys, Does.Contain(hintName));
        Snapshot.Verify(name, run.Files[hintName]);
    }

    [Test]
    public void Records_are_written_once_for_every_key_that_takes_them()
    {
        var run = GeneratorTestHelper.RunAndCompile(Sources.ContextIsThis, Sources.InstanceWithContext);

        Assert.That(run.Files.Where(f => f.Value.Contains("BeginComposite")).Select(f => f.Key), Is.EqualTo(new[] { "MemoGen.HashWriters.g.cs" }));
        Snapshot.Verify("HashWriters", run.Files["MemoGen.HashWriters.g.cs"]);
    }

    [Test]
    public void Methods_whose_keys_have_one_shape_share_one_key_struct()
    {
        const string Source = """
            using MemoGen;
            namespace Shop;
            public sealed record Item(string Name, int Size);
            public partial class Prices(MemoOptions o) : MemoContext(o)
            {
                [Memoize] public partial int Price(int count, string label, Item item);
                private int PriceCore(int count, string label, Item item) => count + item.Size;
                [Memoize] public partial int Weight(int grams, string unit, Item thing, [MemoIgnore] bool verbose);
                private int WeightCore(int grams, string unit, Item thing, bool verbose) => grams;
            }
            public static partial class Stock
            {
                [Memoize] public static partial int Count(MemoContext context, int shelf, string aisle, Item item);
                private static int CountCore(MemoContext context, int shelf, string aisle, Item item) => shelf;
                [Memoize] public static partial int Total(MemoContext context, int[] shelves);
                private static int TotalCore(MemoContext context, int[] shelves) => shelves.Length;
            }
            """;

        var run = GeneratorTestHelper.RunAndCompile(Source);

        var keys = run.SharedKeys!;
        Assert.That(keys.Split("readonly struct ").Length - 1, Is.EqualTo(2), "one struct for (int, string, Item), one for int[]");
        foreach (var method in new[] { "Shop.Prices.Price.g.cs", "Shop.Prices.Weight.g.cs", "Shop.Stock.Count.g.cs" })
        {
            Assert.That(run.Files[method], Does.Not.Contain("readonly struct __memoKey"), method);
            Assert.That(run.Files[method], Does.Contain("new global::MemoGen.Generated.Keys_MemoGenTests.Key_int_string_Item_"), method);
        }

        Snapshot.Verify("SharedKeys", keys);
    }

    [Test]
    public void Methods_of_one_call_shape_share_one_handle_generic_over_their_owner()
    {
        const string Source = """
            using MemoGen;
            namespace Shop;
            public sealed record Item(string Name, int Size);
            internal sealed record Secret(int Code);
            public partial class Prices(MemoOptions o) : MemoContext(o)
            {
                [Memoize] public partial int Price(int count, string label, Item item);
                private int PriceCore(int count, string label, Item item) => count + item.Size;
                [Memoize] internal partial int Hidden(Secret secret);
                private int HiddenCore(Secret secret) => secret.Code;
                private sealed record Private(int Code);
                [Memoize] private partial int Own(Private value);
                private int OwnCore(Private value) => value.Code;
            }
            public partial class Costs(MemoOptions o) : MemoContext(o)
            {
                [Memoize] public partial int Cost(int count, string label, Item item);
                private int CostCore(int count, string label, Item item) => count;
            }
            public static partial class Stock
            {
                [Memoize] public static partial int Count(MemoContext context, int count, string label, Item item);
                private static int CountCore(MemoContext context, int count, string label, Item item) => count;
            }
            """;

        var run = GeneratorTestHelper.RunAndCompile(Source);

        var handles = run.SharedHandles!;
        Assert.That(handles.Split("readonly struct ").Length - 1, Is.EqualTo(3), "Price and Cost share one; Count and Hidden have their own shapes");
        Assert.That(handles, Does.Contain("public readonly struct Handle_count_label_item_").And.Contain("internal readonly struct Handle_secret_"));
        Assert.That(run.Files["Shop.Prices.Price.g.cs"], Does.Contain("Handle_count_label_item_").And.Contain("<global::Shop.Prices> PriceMemo => new(this, __memoFunction_Price);"));
        Assert.That(run.Files["Shop.Costs.Cost.g.cs"], Does.Contain("<global::Shop.Costs> CostMemo => new(this, __memoFunction_Cost);"));
        Assert.That(run.Files["Shop.Prices.Own.g.cs"], Does.Contain("private readonly struct OwnMemoHandle"));
        Snapshot.Verify("SharedHandles", handles);
    }

    [Test]
    public void A_key_over_a_type_parameter_of_its_class_keeps_its_own_struct()
    {
        const string Source = """
            using MemoGen;
            public partial class Context<T>(MemoOptions o) : MemoContext(o)
            {
                [Memoize] public partial int Measure(T value, int size);
                private int MeasureCore(T value, int size) => size;
            }
            """;

        var generic = Source.Replace("Context<T>", "Other<T>").Replace("T value", "Box value").Replace("{\n", "{\n    public sealed record Box(int Size);\n");
        var run = GeneratorTestHelper.RunAndCompile(Source.Replace("T value", "int[] value"), generic);

        Assert.That(run.Files.Keys, Is.EquivalentTo(new[] { "Context_1.Measure.g.cs", "Other_1.Measure.g.cs" }));
        Assert.That(run.SharedKeys, Does.Contain("internal readonly struct Key_intArray_int_"));
        Assert.That(run.Files["Context_1.Measure.g.cs"], Does.Not.Contain("private readonly struct __memoKey_Measure"));
        Assert.That(run.Files["Other_1.Measure.g.cs"], Does.Contain("private readonly struct __memoKey_Measure"));
    }

    [Test]
    public void A_record_only_its_containing_type_can_read_is_written_by_the_key()
    {
        const string Source = """
            using MemoGen;
            public partial class Context(MemoOptions o) : MemoContext(o)
            {
                private sealed record Secret(string Name, int Size);
                [Memoize] private partial int Weigh(Secret secret);
                private int WeighCore(Secret secret) => secret.Size;
            }
            """;

        var run = GeneratorTestHelper.RunAndCompile(Source);

        Assert.That(run.Files.Keys, Is.EquivalentTo(new[] { "Context.Weigh.g.cs" }));
        Assert.That(run.Files["Context.Weigh.g.cs"], Does.Contain("private static void __memoWriteSecret(ref global::MemoGen.MemoHasher hasher, global::Context.Secret? value)"));
    }

    [Test]
    public void Overloads_get_one_file_each_named_after_their_parameter_types()
    {
        var run = GeneratorTestHelper.RunAndCompile(Sources.NestedGeneric);

        Assert.That(run.Files.Keys, Is.EquivalentTo(new[]
        {
            "Deep.Models.Outer_1.Grid.Count.g.cs",
            "Deep.Models.Outer_1.Grid.Count_int.g.cs",
            "Deep.Models.Outer_1.Grid.Render.g.cs",
            "MemoGen.HashWriters.g.cs",
        }));
        Snapshot.Verify("Overload", run.Files["Deep.Models.Outer_1.Grid.Count_int.g.cs"]);
    }

    [Test]
    public void Reordering_overloads_changes_neither_their_files_nor_their_handles()
    {
        const string First = """
            [Memoize(Name = "area_int")] public partial int Area(int side);
            private int AreaCore(int side) => side * side;
            """;
        const string Second = """
            [Memoize(Name = "area_text")] public partial int Area(string side);
            private int AreaCore(string side) => side.Length;
            """;
        static string Context(string members) => $"using MemoGen;\npublic partial class Context(MemoOptions o) : MemoContext(o)\n{{\n{members}\n}}";

        var inOrder = GeneratorTestHelper.RunAndCompile(Context(First + Second)).Files;
        var reordered = GeneratorTestHelper.RunAndCompile(Context(Second + First)).Files;

        Assert.That(inOrder.Keys, Is.EquivalentTo(new[] { "Context.Area_int.g.cs", "Context.Area_string.g.cs" }));
        Assert.That(reordered, Is.EquivalentTo(inOrder));
        Assert.That(inOrder["Context.Area_string.g.cs"], Does.Contain(" Area_stringMemo => "));
    }

    [Test]
    public void The_readme_shows_the_current_generated_code()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n");
        var snapshot = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests/MemoGen.GeneratorTests/Snapshots/ContextIsThis.verified.cs"));

        Assert.That(readme, Does.Contain(snapshot.Replace("\r\n", "\n").TrimEnd('\n')), "re-copy the ContextIsThis snapshot into README.md");
    }

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    [Test]
    public void Every_generated_file_is_marked_and_qualified()
    {
        var run = GeneratorTestHelper.RunAndCompile(Sources.ContextIsThis, Sources.StaticWithContext, Sources.InstanceWithContext, Sources.NestedGeneric);

        Assert.That(run.AllFiles, Has.Count.EqualTo(9));
        foreach (var (hint, text) in run.AllFiles)
        {
            Assert.That(text, Does.StartWith("// <auto-generated/>\n" + Emitter.NullableHeader + "\n"), hint);
            Assert.That(text, Does.Contain("[global::System.CodeDom.Compiler.GeneratedCode(\"MemoGen\", "), hint);
            Assert.That(text, Does.Not.Contain("\r"), hint);
        }
    }
}
