using System.Globalization;

namespace PerfSuite.Cli;

/// <summary>
/// Reads a numeric flag's value from parsed <c>--flag value</c> pairs, keeping the first problem as a sentence that names
/// the flag and its value (the hand parsers of compare in the tool and in the lab share it).
/// </summary>
internal static class ArgumentValues
{
    public static int Int(IReadOnlyDictionary<string, string> values, string flag, int fallback, int minimum, ref string? error)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        error ??= $"{flag} must be a whole number >= {minimum} (was '{text}')";
        return fallback;
    }

    public static double Positive(IReadOnlyDictionary<string, string> values, string flag, double fallback, ref string? error)
    {
        if (!values.TryGetValue(flag, out var text))
        {
            return fallback;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            return value;
        }

        error ??= $"{flag} must be a number > 0 (was '{text}')";
        return fallback;
    }
}
