using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace PerfSuite.Cli;

/// <summary>
/// Typed options whose parse error is one sentence naming the option, what is valid and the value given
/// (<c>--rate must be a number &gt; 0 (was '-1')</c>), for every command of the tool and of the lab. Numbers use the invariant
/// culture; a value may be given as <c>--name value</c>, <c>--name=value</c> or, with a short alias, <c>-n value</c>.
/// </summary>
internal static class CliOptions
{
    /// <summary>A whole number from <paramref name="minimum"/> (to <paramref name="maximum"/> when given); <c>null</c> when absent.</summary>
    public static Option<int?> WholeNumber(string name, string helpName, string description, int minimum, int? maximum = null, params string[] aliases)
    {
        var valid = maximum is { } max ? $"a whole number {minimum}..{max}" : $"a whole number >= {minimum}";
        return Parsed<int?>(name, helpName, description, valid, aliases, text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= (maximum ?? int.MaxValue) ? value : null);
    }

    /// <summary>A finite number &gt; 0 (decimal point allowed, no sign, no exponent); <c>null</c> when absent.</summary>
    public static Option<double?> PositiveNumber(string name, string helpName, string description, params string[] aliases) =>
        Parsed<double?>(name, helpName, description, "a number > 0", aliases, text =>
            double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value) ? value : null);

    /// <summary>A fraction from 0 to 1 (<c>0.01</c> is 1 %); <c>null</c> when absent.</summary>
    public static Option<double?> Fraction(string name, string helpName, string description, params string[] aliases) =>
        Parsed<double?>(name, helpName, description, "a number from 0 to 1", aliases, text =>
            double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1 ? value : null);

    /// <summary>An absolute http(s) URL (where it may point is the command's to check); <c>null</c> when absent.</summary>
    public static Option<Uri?> HttpUrl(string name, string description, params string[] aliases) =>
        Parsed<Uri?>(name, "URL", description, "an absolute http:// or https:// URL", aliases, text =>
            Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null);

    /// <summary>One of <paramref name="choices"/> (the first is the default), mapped to its value.</summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyList<(string Name, T Value)> choices, params string[] aliases)
    {
        var names = string.Join(" or ", choices.Select(c => c.Name).Order(StringComparer.Ordinal));
        var option = new Option<T>(name, aliases)
        {
            Description = description,
            HelpName = string.Join('|', choices.Select(c => c.Name)),
            DefaultValueFactory = _ => choices[0].Value,
            CustomParser = result =>
            {
                if (result.Tokens.Count != 1)
                {
                    return choices[0].Value;
                }

                var text = result.Tokens[0].Value;
                foreach (var (choice, value) in choices)
                {
                    if (choice == text)
                    {
                        return value;
                    }
                }

                result.AddError($"{name} must be {names} (was '{text}')");
                return choices[0].Value;
            },
        };
        option.CompletionSources.Add([.. choices.Select(c => c.Name)]);
        return option;
    }

    /// <summary>A text value; <c>null</c> when absent; an empty value is refused.</summary>
    public static Option<string?> Text(string name, string description, string helpName, params string[] aliases) =>
        new(name, aliases) { Description = description, HelpName = helpName, CustomParser = result => NonEmpty(result, name) };

    /// <summary>A repeatable text value, in the order given.</summary>
    public static Option<IReadOnlyList<string>> Repeated(string name, string description, string helpName, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = helpName,
            Arity = ArgumentArity.OneOrMore,
            DefaultValueFactory = _ => [],
            CustomParser = result => [.. result.Tokens.Select(t => t.Value)],
        };

    /// <summary>A switch (<c>--name</c>, no value).</summary>
    public static Option<bool> Switch(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, Arity = ArgumentArity.Zero };

    private static Option<T> Parsed<T>(string name, string helpName, string description, string valid, string[] aliases, Func<string, T?> parse) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                if (result.Tokens.Count != 1)
                {
                    return default; // a missing or repeated value is named by CliTool from the option's tokens
                }

                var text = result.Tokens[0].Value;
                if (parse(text) is { } value)
                {
                    return value;
                }

                result.AddError($"{name} must be {valid} (was '{text}')");
                return default;
            },
        };

    private static string? NonEmpty(ArgumentResult result, string name)
    {
        if (result.Tokens.Count != 1)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (string.IsNullOrWhiteSpace(text))
        {
            result.AddError($"{name} needs a value");
            return null;
        }

        return text;
    }
}
