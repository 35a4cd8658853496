using System.Text.RegularExpressions;

namespace PerfSuite.Engine.Load;

/// <summary>What a variable may be called: the names a <c>{placeholder}</c> can refer to.</summary>
internal static partial class VariableNames
{
    /// <summary>True for a letter or <c>_</c> followed by letters, digits, <c>_</c>, <c>.</c> or <c>-</c>.</summary>
    public static bool IsValid(string? name) => name is not null && Name().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*$")]
    private static partial Regex Name();
}
