using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using NUnit.Framework;

namespace MemoGen.GeneratorTests.Infrastructure;

/// <summary>
/// Compares generated source with a checked-in <c>Snapshots/NAME.verified.cs</c>. A difference writes
/// <c>NAME.received.cs</c> beside it and fails with the first differing lines; <c>MEMOGEN_ACCEPT=1</c> accepts what was received.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "MEMOGEN_ACCEPT";

    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(ProjectFolder(callerPath), "Snapshots");
        var verified = Path.Combine(folder, name + ".verified.cs");
        var received = Path.Combine(folder, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (MemoGen.TestSupport.TestSwitches.Read(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        var message = expected is null
            ? $"No snapshot {verified} yet; received {received}. Run with {AcceptVariable}=1 to accept it."
            : $"Snapshot {name} differs (received {received}; {AcceptVariable}=1 accepts it):\n{Diff(expected, actual)}";
        Assert.Fail(message);
    }

    private static string ProjectFolder(string callerPath)
    {
        for (var folder = Path.GetDirectoryName(callerPath); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.EnumerateFiles(folder, "*.csproj").Any())
            {
                return folder;
            }
        }

        throw new InvalidOperationException("No project folder above " + callerPath);
    }

    /// <summary>The first lines that differ, with a little context.</summary>
    internal static string Diff(string expected, string actual)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(left.Length, right.Length)).FirstOrDefault(i => left[i] != right[i], Math.Min(left.Length, right.Length));
        var text = new StringBuilder();
        for (var i = Math.Max(0, first - 2); i < Math.Min(first + 6, Math.Max(left.Length, right.Length)); i++)
        {
            var l = i < left.Length ? left[i] : "<end>";
            var r = i < right.Length ? right[i] : "<end>";
            text.AppendLine(l == r ? $"  {i + 1,4}  {l}" : $"- {i + 1,4}  {l}\n+ {i + 1,4}  {r}");
        }

        return text.ToString();
    }
}
