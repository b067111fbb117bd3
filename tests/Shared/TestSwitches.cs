using System;
using NUnit.Framework;

namespace MemoGen.TestSupport;

/// <summary>
/// Environment variables that change what a test checks (<c>MEMOGEN_ACCEPT</c>, <c>MEMOGEN_FUZZ_CASES</c>, ...). Every
/// test reads them here, so that a switch that is on says so loudly in the run's output, and a run under CI (where
/// <c>.ci/run</c> clears them) refuses one that slipped through.
/// </summary>
internal static class TestSwitches
{
    /// <summary>The switch's value, or <see langword="null"/> when it is not set.</summary>
    /// <param name="name">The environment variable.</param>
    public static string? Read(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (IsContinuousIntegration)
        {
            Assert.Fail($"{name}={value} is set while CI={Environment.GetEnvironmentVariable("CI")}: test switches change what the tests check, so CI runs without them.");
        }

        string warning = $"*** TEST SWITCH ON: {name}={value}: {TestContext.CurrentContext.Test.FullName} does not check what a default run checks ***";
        TestContext.Progress.WriteLine(warning);
        TestContext.Out.WriteLine(warning);
        return value;
    }

    private static bool IsContinuousIntegration =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && ci != "0" && !ci.Equals("false", StringComparison.OrdinalIgnoreCase);
}
