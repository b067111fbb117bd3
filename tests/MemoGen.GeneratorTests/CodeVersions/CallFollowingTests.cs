using NUnit.Framework;

namespace MemoGen.GeneratorTests.CodeVersions;

/// <summary>
/// A memoized method's code version follows the calls of its <c>Core</c>: an edit in what it can run changes it, an edit
/// elsewhere (or in comments and layout) does not.
/// </summary>
public sealed class CallFollowingTests
{
    private const string Stations = """
        using System;
        using MemoGen;

        namespace Weather;

        public partial class Stations(MemoOptions options) : MemoContext(options)
        {
            [Memoize] public partial double StationSummary(int station);
            private double StationSummaryCore(int station) => Series.Smoothed(station) + Scale;

            [Memoize] public partial double Elevation(int station);
            private double ElevationCore(int station) => station * 3.5;

            private double Scale => Series.Factor;
        }
        """;

    private const string Series = """
        namespace Weather;

        public static class Series
        {
            public const double Factor = 2.0;

            public static double Smoothed(int station) => Window(station) / 3.0;

            // Two calls away from StationSummaryCore.
            private static double Window(int station) => station + 1.0;

            public static double Unused(int station) => station;
        }
        """;

    [Test]
    public void A_helper_body_edit_changes_the_callers_version_only()
    {
        var before = CodeVersionRun.Of(Stations, Series);
        var after = CodeVersionRun.Of(Stations, Series.Replace("Window(station) / 3.0", "Window(station) / 4.0"));

        Assert.That(after.Version("StationSummary"), Is.Not.EqualTo(before.Version("StationSummary")));
        Assert.That(after.Version("Elevation"), Is.EqualTo(before.Version("Elevation")));
    }

    [Test]
    public void An_edit_two_calls_away_changes_the_version()
    {
        var before = CodeVersionRun.Of(Stations, Series);
        var after = CodeVersionRun.Of(Stations, Series.Replace("station + 1.0", "station + 2.0"));

        Assert.That(after.Version("StationSummary"), Is.Not.EqualTo(before.Version("StationSummary")));
    }

    [Test]
    public void A_constant_read_through_a_property_is_covered()
    {
        var before = CodeVersionRun.Of(Stations, Series);
        var after = CodeVersionRun.Of(Stations, Series.Replace("Factor = 2.0", "Factor = 2.5"));

        Assert.That(after.Version("StationSummary"), Is.Not.EqualTo(before.Version("StationSummary")));
    }

    [Test]
    public void Comments_layout_and_unrelated_members_change_nothing()
    {
        var before = CodeVersionRun.Of(Stations, Series);
        var edited = Series
            .Replace("    private static double Window(int station) => station + 1.0;", "    /// <summary>The window.</summary>\n    private static double Window( int station )\n        => station   + 1.0; // unchanged")
            .Replace("public static double Unused(int station) => station;", "public static double Unused(int station) => station * 2;");
        var after = CodeVersionRun.Of(Stations, edited);

        Assert.That(after.Version("StationSummary"), Is.EqualTo(before.Version("StationSummary")));
        Assert.That(after.Version("Elevation"), Is.EqualTo(before.Version("Elevation")));
    }

    [Test]
    public void What_the_version_covers_is_listed_and_explained_by_the_handle()
    {
        var run = CodeVersionRun.Of(Stations, Series);

        Assert.That(run.Covers("StationSummary"), Is.SupersetOf(new[]
        {
            "Weather.Stations.StationSummaryCore(int)",
            "Weather.Series.Smoothed(int)",
            "Weather.Series.Window(int)",
            "Weather.Stations.Scale.get",
            "Weather.Series.Factor",
        }));
        Assert.That(run.Covers("StationSummary"), Has.None.Contains("Unused"));
        Assert.That(run.Covers("Elevation"), Is.EqualTo(new[] { "Weather.Stations.ElevationCore(int)" }));
        Assert.That(run.Run.Files["Weather.Stations.StationSummary.g.cs"], Does.Contain("covers: \"").And.Contain("Weather.Series.Window(int)"));
    }

    [Test]
    public void A_core_that_calls_nothing_keeps_the_version_it_had_before_calls_were_followed()
    {
        // The FNV-1a hash of ElevationCore's tokens and "version=0", as versions were computed before: pinned so that
        // entries written by earlier builds of such methods stay hits.
        var run = CodeVersionRun.Of(Stations, Series);

        Assert.That(run.Version("Elevation"), Is.EqualTo(ExpectedLegacyVersion("private double ElevationCore ( int station ) => station * 3.5 ;", 0)));
    }

    private static string ExpectedLegacyVersion(string spacedTokens, int version)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var c in spacedTokens + " version=" + version)
        {
            hash = (hash ^ c) * 0x100000001b3UL;
        }

        return hash.ToString("x16");
    }
}
