using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MemoGen.Generator.Checks;

/// <summary>
/// Why a <c>[Memoize]</c> method cannot be generated as written, and where. The analyzer reports it; the generator only
/// needs to know there is one. Problems never enter the generator's pipeline models.
/// </summary>
internal sealed class Problem
{
    private Problem(DiagnosticDescriptor? descriptor, Location? location, IReadOnlyList<Location> additionalLocations, ImmutableDictionary<string, string?>? properties, object?[] arguments)
    {
        Descriptor = descriptor;
        Location = location;
        AdditionalLocations = additionalLocations;
        Properties = properties;
        Arguments = arguments;
    }

    /// <summary>
    /// A problem the compiler already reports (an unknown type, a missing declaration): the method cannot be generated,
    /// and a MemoGen diagnostic on top would only repeat it.
    /// </summary>
    public static Problem ReportedByCompiler { get; } = new(null, null, [], null, []);

    /// <summary>The diagnostic to report; null for <see cref="ReportedByCompiler"/>.</summary>
    public DiagnosticDescriptor? Descriptor { get; }

    public Location? Location { get; }

    public IReadOnlyList<Location> AdditionalLocations { get; }

    public ImmutableDictionary<string, string?>? Properties { get; }

    public object?[] Arguments { get; }

    /// <summary>Whether the method cannot be generated because of it (warnings leave it generated).</summary>
    public bool Blocks => Descriptor is not { DefaultSeverity: DiagnosticSeverity.Warning };

    public static Problem Of(DiagnosticDescriptor descriptor, Location location, params object?[] arguments) =>
        new(descriptor, location, [], null, arguments);

    public Problem WithAdditionalLocations(params Location?[] locations)
    {
        var present = new List<Location>();
        foreach (var location in locations)
        {
            if (location is not null)
            {
                present.Add(location);
            }
        }

        return new(Descriptor, Location, present, Properties, Arguments);
    }

    public Problem WithProperty(string key, string value) =>
        new(Descriptor, Location, AdditionalLocations, (Properties ?? ImmutableDictionary<string, string?>.Empty).SetItem(key, value), Arguments);

    public Diagnostic? ToDiagnostic() =>
        Descriptor is null ? null : Diagnostic.Create(Descriptor, Location, AdditionalLocations, Properties, Arguments);
}
