using System;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace MemoGen.PostgresTests.Support;

/// <summary>Finds the PostgreSQL server binaries (Debian's layout, /usr/lib/postgresql/VERSION/bin), newest first.</summary>
internal static class PostgresBinaries
{
    private const string Root = "/usr/lib/postgresql";

    /// <summary>The folder holding initdb, pg_ctl and postgres, or <see langword="null"/> when none is installed.</summary>
    public static string? Find()
    {
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
            .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out int major) ? major : 0)
            .FirstOrDefault();
    }

    /// <summary>
    /// The binaries' folder; where there is none, ignores the test with the reason, except under <c>CI=true</c>, where
    /// a missing server is a failure (CI installs it).
    /// </summary>
    public static string Require()
    {
        string? bin = Find();
        if (bin is not null)
        {
            return bin;
        }

        const string Reason = $"PostgreSQL is not installed (no initdb under {Root}/*/bin); apt-get install postgresql to run these tests.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Reason);
        }

        Assert.Ignore(Reason);
        return null!;
    }
}
