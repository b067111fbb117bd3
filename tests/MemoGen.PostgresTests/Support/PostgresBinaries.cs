using System;
using System.IO;
using System.Linq;

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
}
