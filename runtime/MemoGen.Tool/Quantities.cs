using System;
using System.Globalization;

namespace MemoGen.Tool;

/// <summary>Reads the quantities of the command line: byte counts (<c>20G</c>), entry counts, ages (<c>7d</c>).</summary>
internal static class Quantities
{
    /// <summary>A byte count: digits, optionally followed by K, M, G or T (powers of 1024; a trailing B or iB is allowed).</summary>
    public static bool TryParseBytes(string text, out long bytes)
    {
        bytes = 0;
        string trimmed = text.Trim().ToUpperInvariant();
        trimmed = trimmed.EndsWith("IB", StringComparison.Ordinal) ? trimmed[..^2] : trimmed.EndsWith('B') ? trimmed[..^1] : trimmed;
        int shift = trimmed.Length == 0 ? -1 : trimmed[^1] switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        string digits = shift > 0 ? trimmed[..^1] : trimmed;
        if (shift < 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number > long.MaxValue >> shift)
        {
            return false;
        }

        bytes = number << shift;
        return true;
    }

    /// <summary>A non-negative whole number.</summary>
    public static bool TryParseCount(string text, out long count) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count);

    /// <summary>An age: a number followed by d, h, m or s (<c>7d</c>, <c>1.5h</c>).</summary>
    public static bool TryParseAge(string text, out TimeSpan age)
    {
        age = default;
        string trimmed = text.Trim();
        if (trimmed.Length < 2
            || !double.TryParse(trimmed[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
        {
            return false;
        }

        double? seconds = char.ToLowerInvariant(trimmed[^1]) switch { 'd' => number * 86400, 'h' => number * 3600, 'm' => number * 60, 's' => number, _ => null };
        if (seconds is not { } value || value > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        age = TimeSpan.FromSeconds(value);
        return true;
    }
}
