using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>
/// Every wait in the tests has a timeout, so that a hang fails the test that hangs, with its name, instead of stalling
/// the run. Reads the sources of every test project (and of the child programs they start) for waits that cannot end.
/// </summary>
public sealed class WaitsHaveTimeoutsTests
{
    private static readonly (Regex Pattern, string Instead)[] Unbounded =
    [
        (new Regex(@"\.Wait\(\)"), "Wait(timeout) and assert it returned true, or await task.WaitAsync(timeout)"),
        (new Regex(@"\.Join\(\)"), "Join(timeout) and assert it returned true"),
        (new Regex(@"\bWaitOne\(\)"), "WaitOne(timeout)"),
        (new Regex(@"\bSignalAndWait\(\)"), "SignalAndWait(timeout)"),
        (new Regex(@"\bWaitForExit\(\)"), "WaitForExit(timeout) or WaitForExitAsync().WaitAsync(timeout)"),
        (new Regex(@"GetAwaiter\(\)\.GetResult\(\)"), "an async test that awaits task.WaitAsync(timeout)"),
        (new Regex(@"\bTask\.WaitAll\(\s*[A-Za-z_][A-Za-z0-9_.]*\s*\)"), "Task.WaitAll(tasks, timeout)"),
    ];

    [Test]
    public void No_test_waits_without_a_timeout()
    {
        string tests = Path.Combine(RepositoryRoot(), "tests");
        string[] sources = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(static path => !path.Split(Path.DirectorySeparatorChar).Any(static part => part is "bin" or "obj" or "Snapshots" or "MemoGen.Benchmarks"))
            .ToArray();
        Assert.That(sources, Has.Length.GreaterThan(100), $"the test sources under {tests}");

        var found = from path in sources
                    from line in File.ReadLines(path).Select((text, index) => (Text: text, Number: index + 1))
                    from rule in Unbounded
                    where rule.Pattern.IsMatch(line.Text)
                    select $"{Path.GetRelativePath(tests, path)}:{line.Number}: {line.Text.Trim()}  (use {rule.Instead})";

        Assert.That(found.ToArray(), Is.Empty);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MemoGen.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"MemoGen.sln not found above {TestContext.CurrentContext.TestDirectory}");
    }
}
