using System.Globalization;
using System.Text;

namespace MemoGen.Shared;

/// <summary>
/// The shape issue 13 measures the build cost with: classes of memoized methods over <c>(int, string, record)</c>, one
/// source file per class, and the same methods written plainly as the baseline.
/// </summary>
internal static class BuildCostSources
{
    /// <summary>The record every method takes, in a file of its own.</summary>
    public const string Descriptor = "namespace BuildCost;\n\npublic sealed record Descriptor(string Name, int Size);\n";

    /// <summary>One source per class: <paramref name="methods"/> memoized methods each.</summary>
    public static string[] Memoized(int classes, int methods) => Classes(classes, methods, memoized: true);

    /// <summary>The same classes with plain methods.</summary>
    public static string[] Plain(int classes, int methods) => Classes(classes, methods, memoized: false);

    /// <summary>The memoized class <paramref name="index"/>, with the body of one of its methods edited.</summary>
    public static string MemoizedClass(int index, int methods, int editedMethod = -1, int extraMethods = 0)
    {
        var text = new StringBuilder();
        text.Append("using MemoGen;\n\nnamespace BuildCost;\n\n");
        text.Append(CultureInfo.InvariantCulture, $"public partial class Context{index}(MemoOptions options) : MemoContext(options)\n{{\n");
        for (var m = 0; m < methods + extraMethods; m++)
        {
            var body = m == editedMethod ? $"n * 2 + label.Length + descriptor.Size + {m}" : $"n + label.Length + descriptor.Size + {m}";
            // Cache names are unique in an assembly (MEMO009), and the method names repeat in every class.
            text.Append(CultureInfo.InvariantCulture, $"    [Memoize(Name = \"context{index}_method{m}\")]\n    public partial int Method{m}(int n, string label, Descriptor descriptor);\n\n");
            text.Append(CultureInfo.InvariantCulture, $"    private int Method{m}Core(int n, string label, Descriptor descriptor) => {body};\n\n");
        }

        return text.Append("}\n").ToString();
    }

    private static string[] Classes(int classes, int methods, bool memoized)
    {
        var sources = new string[classes + 1];
        sources[0] = Descriptor;
        for (var c = 0; c < classes; c++)
        {
            sources[c + 1] = memoized ? MemoizedClass(c, methods) : PlainClass(c, methods);
        }

        return sources;
    }

    private static string PlainClass(int index, int methods)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"namespace BuildCost;\n\npublic class Context{index}\n{{\n");
        for (var m = 0; m < methods; m++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    public int Method{m}(int n, string label, Descriptor descriptor) => n + label.Length + descriptor.Size + {m};\n\n");
        }

        return text.Append("}\n").ToString();
    }
}
