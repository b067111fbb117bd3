namespace MemoGen.GeneratorTests;

/// <summary>Memoized classes the generator tests compile: one per form of DESIGN §1, and harder cases.</summary>
internal static class Sources
{
    public const string ContextIsThis = """
        using System.Collections.Immutable;
        using MemoGen;

        namespace Astro;

        public sealed record MapDescriptor(string Name, int NSide, double Frequency);

        public partial class Sky(MemoOptions options) : MemoContext(options)
        {
            [Memoize(Name = "rms_squared", Tags = new[] { "disk" })]
            public partial ImmutableArray<double> RmsSquared(MapDescriptor map);

            private double[] RmsSquaredCore(MapDescriptor map) => new double[map.NSide];
        }
        """;

    /// <summary>A method whose disk entries a cacher of its own writes (<c>Memoize.Cacher</c>); async, so the cacher handles the awaited value.</summary>
    public const string Cacher = """
        using System.IO;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Lab
        {
            public sealed record Model(string Name, double Weight);

            public partial class Trainer(MemoOptions options) : MemoContext(options)
            {
                [Memoize(Name = "trained_model", Tags = new[] { "disk" }, Cacher = typeof(Storage.ModelCacher))]
                public partial Task<Model> TrainAsync(string dataset, int epochs);

                private async Task<Model> TrainAsyncCore(string dataset, int epochs)
                {
                    await Task.Yield();
                    return new Model(dataset, epochs * 0.5);
                }
            }
        }

        namespace Lab.Storage
        {
            public sealed class ModelCacher : IMemoCacher<Model>
            {
                public void Save(string path, Model value) => File.WriteAllText(path, value.Name + "\n" + value.Weight);

                public Model Load(string path)
                {
                    var lines = File.ReadAllLines(path);
                    return new Model(lines[0], double.Parse(lines[1]));
                }
            }
        }
        """;

    public const string StaticWithContext = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using MemoGen;

        namespace Astro
        {
            public sealed record Spectrum(double Peak, IReadOnlyList<double> Bins);

            public static partial class Spectra
            {
                [Memoize]
                public static partial Task<Spectrum> FrobnifyAsync(MemoContext ctx, double[] samples, [MemoIgnore] bool verbose, CancellationToken cancellationToken);

                private static async Task<Spectrum> FrobnifyAsyncCore(MemoContext ctx, double[] samples, bool verbose, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return new Spectrum(samples[0], samples);
                }
            }
        }
        """;

    public const string InstanceWithContext = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using MemoGen;

        public sealed partial record Telescope(string Site, double Aperture)
        {
            [Memoize(Version = 2)]
            internal partial ValueTask<IReadOnlyList<int>> Exposures(MemoContext context, (int Night, int Filter) slot, int? limit);

            private async ValueTask<List<int>> ExposuresCore(MemoContext context, (int Night, int Filter) slot, int? limit)
            {
                await Task.Yield();
                return new List<int> { slot.Night, slot.Filter };
            }
        }
        """;

    public const string NestedGeneric = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using MemoGen;

        namespace Deep.Models;

        public enum Kernel : byte { Gauss, Box }

        public readonly record struct Cell(int X, int Y, Kernel Kernel);

        public sealed record Node(string Label, Node? Next, ImmutableArray<Kernel> Kernels);

        public partial class Outer<T> where T : IComparable<T>
        {
            internal partial class Grid(MemoOptions options) : MemoContext(options)
            {
                [Memoize]
                protected internal partial string Render(Cell cell, Node node, ReadOnlyMemory<float> weights, IReadOnlyList<string> labels, decimal scale, Guid id, DateTime at);

                private string RenderCore(Cell cell, Node node, ReadOnlyMemory<float> weights, IReadOnlyList<string> labels, decimal scale, Guid id, DateTime at) =>
                    $"{cell}:{node.Label}:{weights.Length}:{labels.Count}:{scale}:{id}:{at:O}";

                [Memoize(Name = "count_all")]
                public partial int Count();

                private int CountCore() => 42;

                [Memoize(Name = "count_in")]
                public partial FrozenCount Count(int @class);

                private FrozenCount CountCore(int @class) => new(@class);
            }
        }

        public sealed record FrozenCount(int Value);
        """;
}
