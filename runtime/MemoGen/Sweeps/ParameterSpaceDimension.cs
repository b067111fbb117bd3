using System;
using System.Linq;
using System.Text.Json;

namespace MemoGen.Sweeps;

/// <summary>
/// One dimension of a <see cref="ParameterSpace"/> as read from JSON: explicit values (an array, a single value, or
/// <c>{"values": [...]}</c>) or a range (<c>{"start", "stop", "step" | "count"}</c>), typed only when bound.
/// </summary>
internal sealed class ParameterSpaceDimension
{
    private readonly JsonElement[]? _values;
    private readonly JsonElement _start;
    private readonly JsonElement _stop;
    private readonly JsonElement? _step;
    private readonly JsonElement? _count;

    private ParameterSpaceDimension(string name, JsonElement[] values)
    {
        Name = name;
        _values = values;
    }

    private ParameterSpaceDimension(string name, JsonElement start, JsonElement stop, JsonElement? step, JsonElement? count)
    {
        Name = name;
        _start = start;
        _stop = stop;
        _step = step;
        _count = count;
    }

    public string Name { get; }

    public static ParameterSpaceDimension Read(JsonProperty property)
    {
        string name = property.Name;
        JsonElement value = property.Value.Clone();
        switch (value.ValueKind)
        {
            case JsonValueKind.Array when value.GetArrayLength() == 0:
                throw new ParameterSpaceException(name, "It has no values; give at least one.");
            case JsonValueKind.Array:
                return new(name, value.EnumerateArray().ToArray());
            case JsonValueKind.Object:
                return ReadObject(name, value);
            default:
                return new(name, [value]);
        }
    }

    /// <summary>The values converted to <paramref name="type"/>.</summary>
    public object?[] ValuesAs(Type type)
    {
        try
        {
            return _values is not null
                ? _values.Select(v => SweepValueConverter.Convert(v, type)).ToArray()
                : RangeAs(type);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException or InvalidCastException)
        {
            throw new ParameterSpaceException(Name, exception.Message, exception);
        }
    }

    /// <summary>
    /// The values typed from the JSON alone, for readers that do not know the parameter's type (the tool): whole
    /// numbers as <see cref="long"/>, other numbers as <see cref="double"/>, strings, booleans.
    /// </summary>
    public object?[] InferredValues()
    {
        JsonElement[] elements = _values ?? [_start, _stop, .. _step is { } step ? [step] : Array.Empty<JsonElement>()];
        Type type = elements.All(e => e.ValueKind == JsonValueKind.Number)
            ? (elements.All(e => e.TryGetInt64(out _)) ? typeof(long) : typeof(double))
            : elements.All(e => e.ValueKind is JsonValueKind.True or JsonValueKind.False) ? typeof(bool) : typeof(string);
        return ValuesAs(type);
    }

    private static ParameterSpaceDimension ReadObject(string name, JsonElement value)
    {
        JsonElement? start = null, stop = null, step = null, count = null, values = null;
        foreach (JsonProperty property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "start": start = property.Value; break;
                case "stop": stop = property.Value; break;
                case "step": step = property.Value; break;
                case "count": count = property.Value; break;
                case "values": values = property.Value; break;
                default:
                    throw new ParameterSpaceException(
                        name, $"Unexpected property \"{property.Name}\": a dimension is {{\"values\": [...]}} or {{\"start\", \"stop\", and \"step\" or \"count\"}}.");
            }
        }

        if (values is { } list)
        {
            return start is null && stop is null && step is null && count is null && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
                ? new(name, list.EnumerateArray().ToArray())
                : throw new ParameterSpaceException(name, "\"values\" is a non-empty array and takes no range properties beside it.");
        }

        if (start is null || stop is null || (step is null) == (count is null))
        {
            throw new ParameterSpaceException(name, "A range needs \"start\", \"stop\", and either \"step\" or \"count\".");
        }

        return new(name, start.Value, stop.Value, step, count);
    }

    private object?[] RangeAs(Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        int count = _count is { } c ? (int)SweepValueConverter.Convert(c, typeof(int))! : 0;
        if (SweepValueConverter.IsIntegral(target))
        {
            long start = (long)SweepValueConverter.Convert(_start, typeof(long))!;
            long stop = (long)SweepValueConverter.Convert(_stop, typeof(long))!;
            long step = _step is { } s ? (long)SweepValueConverter.Convert(s, typeof(long))! : 0;
            return Values.Range(start, stop, step, count).Select(v => System.Convert.ChangeType(v, target, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        if (target == typeof(double) || target == typeof(float) || target == typeof(decimal))
        {
            double start = (double)SweepValueConverter.Convert(_start, typeof(double))!;
            double stop = (double)SweepValueConverter.Convert(_stop, typeof(double))!;
            double step = _step is { } s ? (double)SweepValueConverter.Convert(s, typeof(double))! : 0;
            return Values.Range(start, stop, step, count).Select(v => System.Convert.ChangeType(v, target, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        throw new ArgumentException($"A range needs a numeric parameter, and this one is a {type.Name}; list its values instead.");
    }
}
