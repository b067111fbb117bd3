using System.Threading;

namespace MemoGen.IntegrationTests.Subjects;

public sealed record Exposure(string Site, int Night, double Seconds);

public sealed class ExposureBuilder : IAsImmutable<Exposure>
{
    public string Site { get; set; } = "";

    public int Night { get; set; }

    public double Seconds { get; set; }

    public Exposure AsImmutable() => new(Site, Night, Seconds);
}

/// <summary>Form 3: an instance method of a record with a context parameter; the record joins the key.</summary>
public sealed partial record Telescope(string Site, double Aperture)
{
    private static int _calls;

    public static int Calls => _calls;

    public static void Reset() => _calls = 0;

    [Memoize]
    public partial Exposure Expose(MemoContext context, int night);

    private ExposureBuilder ExposeCore(MemoContext context, int night)
    {
        Interlocked.Increment(ref _calls);
        return new ExposureBuilder { Site = Site, Night = night, Seconds = Aperture * night };
    }
}
