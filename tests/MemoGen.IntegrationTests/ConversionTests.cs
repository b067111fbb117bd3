using System.Collections.Frozen;
using System.Collections.Generic;
using System.Collections.Immutable;
using MemoGen.IntegrationTests.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>The conversions the README promises, compiled by the real build and run: the mutable result never escapes.</summary>
public sealed class ConversionTests
{
    [Test]
    public void A_hash_set_becomes_a_frozen_set()
    {
        var catalog = new Catalog();

        FrozenSet<int> first = catalog.Evens(7);
        FrozenSet<int> second = catalog.Evens(7);

        Assert.That(first, Is.EquivalentTo(new[] { 0, 2, 4, 6 }));
        Assert.That(second, Is.SameAs(first));
        Assert.That(catalog.CallsOf(nameof(Catalog.Evens)), Is.EqualTo(1));
    }

    [Test]
    public void A_list_becomes_an_immutable_list()
    {
        var catalog = new Catalog();

        ImmutableList<string> first = catalog.Labels(3);
        ImmutableList<string> second = catalog.Labels(3);

        Assert.That(first, Is.EqualTo(new[] { "label0", "label1", "label2" }));
        Assert.That(second, Is.SameAs(first));
        Assert.That(catalog.CallsOf(nameof(Catalog.Labels)), Is.EqualTo(1));
    }

    [Test]
    public void A_dictionary_becomes_a_read_only_dictionary_that_cannot_be_cast_back()
    {
        var catalog = new Catalog();

        IReadOnlyDictionary<string, int> first = catalog.WordLengths("to be or not to be");
        IReadOnlyDictionary<string, int> second = catalog.WordLengths("to be or not to be");

        Assert.That(first, Is.EquivalentTo(new Dictionary<string, int> { ["to"] = 2, ["be"] = 2, ["or"] = 2, ["not"] = 3 }));
        Assert.That(first, Is.Not.InstanceOf<Dictionary<string, int>>(), "callers cannot cast back to the mutable dictionary");
        Assert.That(second, Is.SameAs(first));
        Assert.That(catalog.CallsOf(nameof(Catalog.WordLengths)), Is.EqualTo(1));
    }

    [Test]
    public void An_array_becomes_a_read_only_list_that_cannot_be_cast_back()
    {
        var catalog = new Catalog();

        IReadOnlyList<double> first = catalog.Halves(4);
        IReadOnlyList<double> second = catalog.Halves(4);

        Assert.That(first, Is.EqualTo(new[] { 0.0, 0.5, 1.0, 1.5 }));
        Assert.That(first, Is.Not.InstanceOf<double[]>(), "callers cannot cast back to the array and change the cached value");
        Assert.That(second, Is.SameAs(first));
        Assert.That(catalog.CallsOf(nameof(Catalog.Halves)), Is.EqualTo(1));
    }
}
