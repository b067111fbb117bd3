using System;
using System.Globalization;
using System.Text.Json;

namespace MemoGen.Sweeps;

/// <summary>Converts a JSON value of a parameter space to a parameter's type, or says why it cannot.</summary>
internal static class SweepValueConverter
{
    public static bool IsIntegral(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    /// <exception cref="FormatException">The value does not fit the type; the message says so.</exception>
    public static object? Convert(JsonElement value, Type type)
    {
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            return underlying is not null || !type.IsValueType
                ? null
                : throw Invalid(value, type);
        }

        Type target = underlying ?? type;
        object? converted = value.ValueKind switch
        {
            JsonValueKind.Number => FromNumber(value, target),
            JsonValueKind.String => FromString(value.GetString()!, target),
            JsonValueKind.True or JsonValueKind.False when target == typeof(bool) => value.GetBoolean(),
            _ => null,
        };
        return converted ?? throw Invalid(value, type);
    }

    private static object? FromNumber(JsonElement value, Type target)
    {
        if (IsIntegral(target))
        {
            return value.TryGetInt64(out long whole) ? ChangeType(whole, target)
                : value.TryGetUInt64(out ulong large) ? ChangeType(large, target)
                : null;
        }

        if (target == typeof(double))
        {
            return value.GetDouble();
        }

        if (target == typeof(float))
        {
            return value.GetSingle();
        }

        if (target == typeof(decimal))
        {
            return value.TryGetDecimal(out decimal number) ? number : null;
        }

        if (target.IsEnum && value.TryGetInt64(out long ordinal))
        {
            return Enum.ToObject(target, ordinal);
        }

        return null;
    }

    private static object? FromString(string text, Type target)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        if (target == typeof(string))
        {
            return text;
        }

        if (target.IsEnum)
        {
            return Enum.TryParse(target, text, ignoreCase: true, out object? member) && Enum.IsDefined(target, member!) ? member : null;
        }

        return target switch
        {
            _ when target == typeof(Guid) => Guid.TryParse(text, out Guid guid) ? guid : null,
            _ when target == typeof(DateTime) => DateTime.TryParse(text, invariant, DateTimeStyles.RoundtripKind, out DateTime time) ? time : null,
            _ when target == typeof(DateTimeOffset) => DateTimeOffset.TryParse(text, invariant, DateTimeStyles.None, out DateTimeOffset time) ? time : null,
            _ when target == typeof(TimeSpan) => TimeSpan.TryParse(text, invariant, out TimeSpan span) ? span : null,
            _ when target == typeof(char) => text.Length == 1 ? text[0] : null,
            _ => null,
        };
    }

    private static object? ChangeType(object number, Type target)
    {
        try
        {
            return System.Convert.ChangeType(number, target, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static FormatException Invalid(JsonElement value, Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        bool supported = IsIntegral(target) || target.IsEnum || target.IsPrimitive || target == typeof(string) || target == typeof(decimal)
            || target == typeof(Guid) || target == typeof(DateTime) || target == typeof(DateTimeOffset) || target == typeof(TimeSpan);
        return new FormatException(supported
            ? $"{value.GetRawText()} is not a valid {type.Name}."
            : $"A parameter of type {type.Name} cannot be given in a parameter space (numbers, strings, booleans, enums, dates and GUIDs can); sweep it with the typed Sweep(...) instead.");
    }
}
