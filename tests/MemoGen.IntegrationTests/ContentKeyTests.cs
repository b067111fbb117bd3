using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using MemoGen.IntegrationTests.Subjects;
using NUnit.Framework;

namespace MemoGen.IntegrationTests;

/// <summary>
/// Arguments keyed by their content, as the README promises: an equal copy is a hit, and a caller that changes its
/// array afterwards gets a new computation rather than the result of the old content.
/// </summary>
public sealed class ContentKeyTests
{
    [Test]
    public void A_read_only_memory_is_keyed_by_its_content()
    {
        var catalog = new Catalog();
        double[] values = [1, 2, 3];

        Assert.That(catalog.SumOfMemory(values), Is.EqualTo(6));
        Assert.That(catalog.SumOfMemory(new double[] { 1, 2, 3 }), Is.EqualTo(6));
        Assert.That(catalog.CallsOf(nameof(Catalog.SumOfMemory)), Is.EqualTo(1), "an equal copy is a hit");

        values[0] = 10;
        Assert.That(catalog.SumOfMemory(values), Is.EqualTo(15), "the changed array is a new key");
        Assert.That(catalog.SumOfMemory(new double[] { 0, 1, 2, 3 }.AsMemory(1)), Is.EqualTo(6), "a slice with the same content is a hit");
        Assert.That(catalog.CallsOf(nameof(Catalog.SumOfMemory)), Is.EqualTo(2));
    }

    [Test]
    public void An_immutable_array_is_keyed_by_its_content()
    {
        var catalog = new Catalog();

        Assert.That(catalog.SumOfImmutable([1.5, 2.5]), Is.EqualTo(4));
        Assert.That(catalog.SumOfImmutable(ImmutableArray.Create(1.5, 2.5)), Is.EqualTo(4));
        Assert.That(catalog.SumOfImmutable(ImmutableArray.Create(2.5, 1.5)), Is.EqualTo(4));

        Assert.That(catalog.CallsOf(nameof(Catalog.SumOfImmutable)), Is.EqualTo(2), "equal content is a hit, another order is not");
    }

    [Test]
    public void A_read_only_list_is_keyed_by_its_content()
    {
        var catalog = new Catalog();
        var values = new List<double> { 1, 2 };

        Assert.That(catalog.SumOfList(values), Is.EqualTo(3));
        Assert.That(catalog.SumOfList(new[] { 1.0, 2.0 }), Is.EqualTo(3), "another list type with the same content is a hit");
        Assert.That(catalog.CallsOf(nameof(Catalog.SumOfList)), Is.EqualTo(1));

        values.Add(3);
        Assert.That(catalog.SumOfList(values), Is.EqualTo(6), "the changed list is a new key");
        Assert.That(catalog.CallsOf(nameof(Catalog.SumOfList)), Is.EqualTo(2));
    }

    [Test]
    public void A_record_holding_an_array_is_keyed_by_the_arrays_content()
    {
        var catalog = new Catalog();
        int[] dimensions = [2, 3, 4];

        Assert.That(catalog.Volume(new Shape("box", dimensions)), Is.EqualTo(24));
        Assert.That(catalog.Volume(new Shape("box", [2, 3, 4])), Is.EqualTo(24));
        Assert.That(catalog.CallsOf(nameof(Catalog.Volume)), Is.EqualTo(1), "a record with an equal array is a hit");

        dimensions[2] = 5;
        Assert.That(catalog.Volume(new Shape("box", dimensions)), Is.EqualTo(30), "the changed array is a new key");
        Assert.That(catalog.Volume(new Shape("crate", [2, 3, 5])), Is.EqualTo(30), "another name is another key");
        Assert.That(catalog.CallsOf(nameof(Catalog.Volume)), Is.EqualTo(3));
    }
}
