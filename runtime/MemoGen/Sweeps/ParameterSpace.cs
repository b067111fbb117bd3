using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace MemoGen.Sweeps;

/// <summary>
/// A parameter space as data, for files and scripts: named dimensions, each explicit values or a numeric range by
/// step or count; the sweep covers their product. Read from JSON:
/// <code>
/// {
///   "function": "Diffuse",
///   "dimensions": {
///     "nside": [64, 128],
///     "kappa": { "start": 0.1, "stop": 1.0, "step": 0.1 },
///     "seed": { "start": 1, "stop": 9, "count": 5 },
///     "label": "baseline"
///   }
/// }
/// </code>
/// <c>"function"</c> is optional; when present, the space sweeps only that function. Values are converted to the
/// parameters' types when the space is given to a handle's <c>Sweep(ParameterSpace, …)</c>, which checks the names and
/// types and says which dimension is wrong.
/// </summary>
public sealed class ParameterSpace
{
    private static readonly JsonDocumentOptions s_jsonOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private readonly IReadOnlyList<ParameterSpaceDimension> _dimensions;

    private ParameterSpace(string? function, IReadOnlyList<ParameterSpaceDimension> dimensions)
    {
        Function = function;
        _dimensions = dimensions;
    }

    /// <summary>The function the space is meant for, if the file names one.</summary>
    public string? Function { get; }

    /// <summary>The dimensions' names, in the file's order.</summary>
    public IEnumerable<string> DimensionNames => _dimensions.Select(d => d.Name);

    /// <summary>The dimensions with their values typed from the JSON alone (see <see cref="ParameterSpaceDimension.InferredValues"/>).</summary>
    internal SweepDimension[] InferDimensions() =>
        [.. _dimensions.Select(d => SweepDimension.OfConverted(d.Name, d.InferredValues()))];

    /// <summary>Reads a parameter space from JSON text.</summary>
    /// <param name="json">The space (comments and trailing commas allowed).</param>
    /// <exception cref="ParameterSpaceException">The text is not JSON or not a parameter space.</exception>
    public static ParameterSpace FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, s_jsonOptions);
        }
        catch (JsonException exception)
        {
            throw new ParameterSpaceException(null, $"The parameter space is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Reads a parameter space from a JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ParameterSpaceException">The file is not JSON or not a parameter space.</exception>
    public static ParameterSpace Load(string path) => FromJson(File.ReadAllText(path));

    /// <summary>
    /// The space's dimensions, converted to the types of <paramref name="parameters"/> and in their order. Generated
    /// code calls it; every parameter needs a dimension and every dimension a parameter.
    /// </summary>
    /// <param name="function">The swept function's cache name, for messages.</param>
    /// <param name="parameters">The function's swept parameters.</param>
    /// <exception cref="ParameterSpaceException">A dimension names no parameter, a parameter has no dimension, or a value does not convert.</exception>
    public SweepDimension[] Bind(string function, params SweepParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(parameters);
        if (Function is not null && Function != function)
        {
            throw new ParameterSpaceException(null, $"The parameter space is for '{Function}', not '{function}'.");
        }

        string known = parameters.Length == 0 ? "none" : string.Join(", ", parameters.Select(p => p.Name));
        foreach (ParameterSpaceDimension dimension in _dimensions)
        {
            if (!parameters.Any(p => p.Name == dimension.Name))
            {
                throw new ParameterSpaceException(
                    dimension.Name, $"{function} has no swept parameter of that name (its swept parameters: {known}). Check the spelling.");
            }
        }

        return parameters.Select(parameter => _dimensions.FirstOrDefault(d => d.Name == parameter.Name) is { } dimension
            ? SweepDimension.OfConverted(parameter.Name, dimension.ValuesAs(parameter.Type))
            : throw new ParameterSpaceException(
                parameter.Name, $"{function}'s parameter '{parameter.Name}' has no dimension in the parameter space; give it one (a single value fixes it).")).ToArray();
    }

    private static ParameterSpace Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ParameterSpaceException(null, "A parameter space is a JSON object with a \"dimensions\" object.");
        }

        string? function = null;
        List<ParameterSpaceDimension>? dimensions = null;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "function" when property.Value.ValueKind == JsonValueKind.String:
                    function = property.Value.GetString();
                    break;
                case "dimensions" when property.Value.ValueKind == JsonValueKind.Object:
                    dimensions = property.Value.EnumerateObject().Select(ParameterSpaceDimension.Read).ToList();
                    break;
                default:
                    throw new ParameterSpaceException(
                        null, $"Unexpected property \"{property.Name}\": a parameter space has a \"dimensions\" object and optionally a \"function\" name.");
            }
        }

        if (dimensions is null)
        {
            throw new ParameterSpaceException(null, "The parameter space has no \"dimensions\" object.");
        }

        var duplicate = dimensions.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ParameterSpaceException(duplicate.Key, "It appears twice.");
        }

        return new ParameterSpace(function, dimensions);
    }
}
