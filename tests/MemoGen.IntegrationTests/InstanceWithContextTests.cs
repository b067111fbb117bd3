using MemoGen.IntegrationTests.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>Form 3: the owning record is part of the key; the builder result becomes immutable through IAsImmutable.</summary>
public sealed class InstanceWithContextTests
{
    [SetUp]
    public void Reset() => Telescope.Reset();

    [Test]
    public void Equal_owners_share_results_and_different_owners_do_not()
    {
        var context = new MemoContext();

        var first = new Telescope("paranal", 8.2).Expose(context, 3);
        var again = new Telescope("paranal", 8.2).Expose(context, 3);
        var other = new Telescope("mauna kea", 8.2).Expose(context, 3);

        Assert.That(first, Is.EqualTo(new Exposure("paranal", 3, 8.2 * 3)));
        Assert.That(again, Is.SameAs(first));
        Assert.That(other.Site, Is.EqualTo("mauna kea"));
        Assert.That(Telescope.Calls, Is.EqualTo(2));
    }

    [Test]
    public void The_handle_keys_by_owner_and_arguments()
    {
        var context = new MemoContext();
        var telescope = new Telescope("paranal", 8.2);
        telescope.Expose(context, 1);

        Assert.That(telescope.ExposeMemo(context).IsCached(1), Is.True);
        Assert.That(new Telescope("paranal", 1.0).ExposeMemo(context).IsCached(1), Is.False);
        Assert.That(telescope.ExposeMemo(context).Describe(1), Is.EqualTo("Expose(this=Telescope { Site = paranal, Aperture = 8.2 }, night=1)"));
    }
}
