using System.Text.Json;
using PerfSuite.Engine.Checks;

namespace PerfSuite.Tests.Checks;

public sealed class JsonPathTests
{
    private const string Document = """{"a":{"b":[10,{"c":"x"}],"0":"zero","n":null},"list":[[1,2],[3]]}""";

    public static TheoryData<string, string?> Paths => new()
    {
        { "$", Document },
        { "$.a.b[0]", "10" },
        { "$.a.b[1].c", "\"x\"" },
        { "a.b.1.c", "\"x\"" },
        { "$.a.0", "\"zero\"" },
        { "$.a.n", "null" },
        { "$.list[1][0]", "3" },
        { "$.a.b[2]", null },
        { "$.a.missing", null },
        { "$.a.b.c", null },
        { "$.list[0].x", null },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_path_finds_the_value_it_names_or_nothing(string text, string? expected)
    {
        using var document = JsonDocument.Parse(Document);
        var path = JsonPath.Parse(text);

        var found = path.TryFind(document.RootElement, out var value);

        (found ? value.GetRawText() : null).Should().Be(expected);
    }

    public static TheoryData<string, string> BadPaths => new()
    {
        { "", "JSON path must not be empty (was '')" },
        { ".a", "JSON path '.a' must start with '$' or a property name" },
        { "[0]", "JSON path '[0]' must start with '$' or a property name" },
        { "$a", "JSON path '$a': expected '.' or '[' at position 1" },
        { "$.a..b", "JSON path '$.a..b': empty property name at position 4" },
        { "$.a.", "JSON path '$.a.': empty property name at position 4" },
        { "$.a[", "JSON path '$.a[': expected an array index like [0] at position 3" },
        { "$.a[-1]", "JSON path '$.a[-1]': expected an array index like [0] at position 3" },
        { "$.a['b']", "JSON path '$.a['b']': expected an array index like [0] at position 3" },
    };

    [Theory]
    [MemberData(nameof(BadPaths))]
    public void A_malformed_path_says_what_is_wrong_and_where(string text, string message)
    {
        var parsed = JsonPath.TryParse(text, out _, out var problem);

        parsed.Should().BeFalse();
        problem.Should().Be(message);
    }
}
