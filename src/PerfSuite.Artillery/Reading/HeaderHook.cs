using System.Text.RegularExpressions;

namespace PerfSuite.Artillery.Reading;

/// <summary>
/// A <c>beforeRequest</c> (or <c>afterResponse</c>) function that does nothing but set request headers from a variable
/// (<c>context.vars.NAME</c>), an environment value (<c>process.env.NAME</c>) and text, then calls <c>next()</c>: the
/// headers it sets, as Artillery templates (<c>{{ NAME }}</c> for a variable, <c>{{ $env.NAME }}</c> for the environment).
/// Anything else in the body (a call, a condition, a computation) is not translated.
/// </summary>
internal static partial class HeaderHook
{
    /// <summary>The headers the function body sets, or <c>null</c> when it does anything else.</summary>
    /// <param name="body">From the function's definition to its closing brace (<see cref="ProcessorFile.Find"/>).</param>
    public static IReadOnlyList<(string Name, string Template)>? Translate(string body)
    {
        var open = body.IndexOf('{', StringComparison.Ordinal);
        var close = body.LastIndexOf('}');
        var signature = Signature().Match(body);
        if (open < 0 || close <= open || !signature.Success)
        {
            return null;
        }

        var request = signature.Groups["req"].Value;
        var context = signature.Groups["ctx"].Value;
        var next = signature.Groups["next"].Value;
        var headers = new List<(string, string)>();
        var statements = body[(open + 1)..close].Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var calledNext = false;
        foreach (var statement in statements.Where(s => !s.StartsWith("//", StringComparison.Ordinal)))
        {
            if (statement == $"return {next}()" || statement == $"{next}()")
            {
                calledNext = true;
                continue;
            }

            if (statement == $"{request}.headers = {request}.headers || {{}}" || statement == $"if (!{request}.headers) {request}.headers = {{}}")
            {
                continue;
            }

            var assignment = Assignment().Match(statement);
            if (!assignment.Success || assignment.Groups["req"].Value != request || Value(assignment.Groups["value"].Value, context) is not { } template)
            {
                return null;
            }

            var name = assignment.Groups["dot"].Success ? assignment.Groups["dot"].Value : assignment.Groups["key"].Value;
            headers.RemoveAll(h => string.Equals(h.Item1, name, StringComparison.OrdinalIgnoreCase));
            headers.Add((name, template));
        }

        return calledNext && headers.Count > 0 ? headers : null;
    }

    // 'text' + context.vars.x + process.env.Y, or `text ${context.vars.x}`: a template, or null for anything else.
    private static string? Value(string expression, string context)
    {
        if (expression.Length > 1 && expression[0] == '`' && expression[^1] == '`')
        {
            var ok = true;
            var text = Interpolation().Replace(expression[1..^1], m =>
            {
                if (Operand(m.Groups[1].Value.Trim(), context) is { } operand)
                {
                    return operand;
                }

                ok = false;
                return string.Empty;
            });
            return ok && !text.Contains('`', StringComparison.Ordinal) ? text : null;
        }

        var parts = expression.Split('+', StringSplitOptions.TrimEntries);
        var result = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length > 1 && (part[0] is '\'' or '"') && part[^1] == part[0] && !part[1..^1].Contains(part[0], StringComparison.Ordinal))
            {
                result.Append(part[1..^1]);
            }
            else if (Operand(part, context) is { } operand)
            {
                result.Append(operand);
            }
            else
            {
                return null;
            }
        }

        return result.ToString();
    }

    private static string? Operand(string operand, string context)
    {
        var variable = Variable().Match(operand);
        if (variable.Success && variable.Groups["ctx"].Value == context)
        {
            return "{{ " + (variable.Groups["dot"].Success ? variable.Groups["dot"].Value : variable.Groups["key"].Value) + " }}";
        }

        var environment = Environment().Match(operand);
        return environment.Success ? "{{ $env." + (environment.Groups["dot"].Success ? environment.Groups["dot"].Value : environment.Groups["key"].Value) + " }}" : null;
    }

    [GeneratedRegex(@"^\s*[\w$]*\s*(?:[=:]\s*)?(?:async\s+)?(?:function\s*[\w$]*\s*)?\(\s*(?<req>[\w$]+)\s*,\s*(?<ctx>[\w$]+)\s*,\s*[\w$]+\s*,\s*(?<next>[\w$]+)\s*\)")]
    private static partial Regex Signature();

    [GeneratedRegex(@"^(?<req>[\w$]+)\.headers(?:\.(?<dot>[A-Za-z_$][\w$]*)|\[\s*(['""])(?<key>[^'""]+)\1\s*\])\s*=\s*(?<value>.+)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^(?<ctx>[\w$]+)\.vars(?:\.(?<dot>[A-Za-z_][\w]*)|\[\s*(['""])(?<key>[A-Za-z_][\w]*)\1\s*\])$")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^process\.env(?:\.(?<dot>[A-Za-z_][\w]*)|\[\s*(['""])(?<key>[A-Za-z_][\w]*)\1\s*\])$")]
    private static partial Regex Environment();

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Interpolation();
}
