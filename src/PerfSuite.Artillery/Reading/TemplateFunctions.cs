using System.Globalization;
using System.Text.RegularExpressions;
using PerfSuite.Engine.Load;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// Artillery's template functions, evaluated per user at run time as Artillery evaluates them: each use becomes a
/// variable that an untimed step sets just before the step that uses it, so the engine's own placeholders fill it in.
/// <c>$randomNumber(min, max)</c> is a whole number in [min, max] (lodash's <c>random</c>), <c>$randomString(n)</c> n
/// letters and digits (default 10), <c>$uuid</c> one UUID per virtual user (Artillery's <c>$uuid</c> is the user's id).
/// </summary>
internal sealed partial class TemplateFunctions
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // The variable of $uuid: a PerfSuite name cannot start with '$'.
    private const string UuidVariable = "_artillery_uuid";

    private readonly List<(string Name, Action<StepContext> Set)> pending = [];
    private int count;

    /// <summary>The placeholder for <paramref name="expression"/> (the text between the braces), or <c>null</c> when it is not a template function.</summary>
    public string? Placeholder(string expression)
    {
        if (expression == "$uuid")
        {
            pending.Add((UuidVariable, ctx =>
            {
                if (!ctx.TryGet(UuidVariable, out _))
                {
                    var bytes = new byte[16];
                    ctx.Random.NextBytes(bytes);
                    ctx.Set(UuidVariable, new Guid(bytes).ToString());
                }
            }));
            return "{" + UuidVariable + "}";
        }

        var call = Call().Match(expression);
        if (!call.Success)
        {
            return null;
        }

        var args = call.Groups["args"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Func<Random, string>? generate = (call.Groups["name"].Value, args.Length) switch
        {
            ("randomNumber", 2) when Whole(args[0]) is { } min && Whole(args[1]) is { } max && min <= max =>
                random => random.NextInt64(min, max + 1).ToString(CultureInfo.InvariantCulture),
            ("randomString", 0) => random => RandomString(random, 10),
            ("randomString", 1) when Whole(args[0]) is { } length and >= 0 and <= 10_000 => random => RandomString(random, (int)length),
            _ => null,
        };
        if (generate is null)
        {
            return null;
        }

        var name = $"_artillery_fn{++count}";
        pending.Add((name, ctx => ctx.Set(name, generate(ctx.Random))));
        return "{" + name + "}";
    }

    /// <summary>Adds the steps that set the variables of the functions read since the last call, before the step that uses them.</summary>
    public void AddSetters(ScenarioBuilder builder)
    {
        foreach (var (name, set) in pending)
        {
            builder.Do(set, name);
        }

        pending.Clear();
    }

    /// <summary>The bounds of a think time written as <c>{{ $randomNumber(min, max) }}</c>, in seconds, or <c>null</c>.</summary>
    public static (long Min, long Max)? RandomRange(string text)
    {
        var match = WholeRandomNumber().Match(text);
        return match.Success && Whole(match.Groups[1].Value) is { } min && Whole(match.Groups[2].Value) is { } max && min <= max && min >= 0
            ? (min, max)
            : null;
    }

    private static long? Whole(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string RandomString(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });

    [GeneratedRegex(@"^\$(?<name>randomNumber|randomString)\s*\((?<args>[^()]*)\)$")]
    private static partial Regex Call();

    [GeneratedRegex(@"^\s*\{\{\s*\$randomNumber\s*\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)\s*\}\}\s*$")]
    private static partial Regex WholeRandomNumber();
}
