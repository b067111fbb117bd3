using System;
using System.Linq;
using MemoGen.Sweeps;
using NUnit.Framework;

namespace MemoGen.RuntimeTests.Sweeps;

public sealed class ParameterSpaceTests
{
    private enum Scheme
    {
        Explicit,
        Implicit,
    }

    [Test]
    public void Dimensions_bind_in_the_parameters_order_and_types()
    {
        var space = ParameterSpace.FromJson("""
            {
              // comments and trailing commas are allowed
              "dimensions": {
                "scheme": ["implicit", 0],
                "steps": { "start": 10, "stop": 30, "count": 3 },
                "rate": { "values": [0.5, 1] },
                "label": "fixed",
                "limit": [null, 3],
              }
            }
            """);

        var dimensions = space.Bind(
            "solve",
            SweepParameter.Of<double>("rate"),
            SweepParameter.Of<long>("steps"),
            SweepParameter.Of<Scheme>("scheme"),
            SweepParameter.Of<string>("label"),
            SweepParameter.Of<int?>("limit"));

        Assert.That(dimensions.Select(d => d.Name), Is.EqualTo(new[] { "rate", "steps", "scheme", "label", "limit" }));
        Assert.That(dimensions[0].Values, Is.EqualTo(new object[] { 0.5, 1.0 }));
        Assert.That(dimensions[1].Values, Is.EqualTo(new object[] { 10L, 20L, 30L }));
        Assert.That(dimensions[2].Values, Is.EqualTo(new object[] { Scheme.Implicit, Scheme.Explicit }));
        Assert.That(dimensions[3].Values, Is.EqualTo(new object[] { "fixed" }));
        Assert.That(dimensions[4].Values, Is.EqualTo(new object?[] { null, 3 }));
    }

    [Test]
    public void A_floating_range_in_json_follows_the_values_rules()
    {
        var space = ParameterSpace.FromJson("""{ "dimensions": { "kappa": { "start": 0.1, "stop": 1.0, "step": 0.1 } } }""");

        Assert.That(space.Bind("f", SweepParameter.Of<double>("kappa"))[0].Values, Is.EqualTo(Values.Range(0.1, 1.0, step: 0.1).Cast<object>()));
    }

    [TestCase("not json", null, "not valid JSON")]
    [TestCase("[1, 2]", null, "a JSON object")]
    [TestCase("""{ "dims": {} }""", null, "Unexpected property \"dims\"")]
    [TestCase("""{ "function": "f" }""", null, "no \"dimensions\" object")]
    [TestCase("""{ "dimensions": { "a": [] } }""", "a", "no values")]
    [TestCase("""{ "dimensions": { "a": { "start": 1, "stop": 2 } } }""", "a", "either \"step\" or \"count\"")]
    [TestCase("""{ "dimensions": { "a": { "start": 1, "stop": 2, "step": 1, "count": 2 } } }""", "a", "either \"step\" or \"count\"")]
    [TestCase("""{ "dimensions": { "a": { "from": 1 } } }""", "a", "Unexpected property \"from\"")]
    [TestCase("""{ "dimensions": { "a": [1], "a": [2] } }""", "a", "appears twice")]
    public void A_malformed_space_is_rejected_when_read(string json, string? dimension, string message)
    {
        Assert.That(
            () => ParameterSpace.FromJson(json),
            Throws.InstanceOf<ParameterSpaceException>()
                .With.Property(nameof(ParameterSpaceException.Dimension)).EqualTo(dimension)
                .And.Message.Contains(message));
    }

    [TestCase("""{ "dimensions": { "n": [1], "x": [2] } }""", "x", "f has no swept parameter of that name (its swept parameters: n)")]
    [TestCase("""{ "dimensions": { } }""", "n", "f's parameter 'n' has no dimension")]
    [TestCase("""{ "dimensions": { "n": ["three"] } }""", "n", "\"three\" is not a valid Int32")]
    [TestCase("""{ "dimensions": { "n": [3000000000] } }""", "n", "3000000000 is not a valid Int32")]
    [TestCase("""{ "dimensions": { "n": [null] } }""", "n", "null is not a valid Int32")]
    [TestCase("""{ "dimensions": { "n": { "start": 0, "stop": 4, "step": -1 } } }""", "n", "other sign")]
    [TestCase("""{ "function": "g", "dimensions": { "n": [1] } }""", null, "for 'g', not 'f'")]
    public void A_space_that_does_not_fit_the_function_names_the_dimension(string json, string? dimension, string message)
    {
        var space = ParameterSpace.FromJson(json);

        Assert.That(
            () => space.Bind("f", SweepParameter.Of<int>("n")),
            Throws.InstanceOf<ParameterSpaceException>()
                .With.Property(nameof(ParameterSpaceException.Dimension)).EqualTo(dimension)
                .And.Message.Contains(message));
    }

    [Test]
    public void Types_that_data_cannot_hold_are_explained()
    {
        var space = ParameterSpace.FromJson("""{ "dimensions": { "grid": [1], "name": { "start": 1, "stop": 2, "step": 1 } } }""");

        Assert.That(
            () => space.Bind("f", SweepParameter.Of<Version>("grid"), SweepParameter.Of<string>("name")),
            Throws.InstanceOf<ParameterSpaceException>().With.Message.Contains("sweep it with the typed Sweep(...)"));
        Assert.That(
            () => space.Bind("f", SweepParameter.Of<int>("grid"), SweepParameter.Of<string>("name")),
            Throws.InstanceOf<ParameterSpaceException>().With.Message.Contains("A range needs a numeric parameter"));
    }
}
