using PerfSuite.Engine.Feeds;

namespace PerfSuite.Tests.Feeds;

/// <summary>The one CSV splitter: a delimiter, quoted fields holding it, quotes and newlines, and the line each record starts on.</summary>
public sealed class CsvTextTests
{
    public static TheoryData<string, char, string[]> Texts => new()
    {
        { "a,b\n1,2\n", ',', ["1: a|b", "2: 1|2"] },
        { "\uFEFFa;b\r\n\r\n\"x;y\";\"say \"\"hi\"\"\"\r\n", ';', ["1: a|b", "3: x;y|say \"hi\""] },
        { "a\tb\n\"two\nlines\"\tz\nlast\t\n", '\t', ["1: a|b", "2: two\nlines|z", "4: last|"] },
        { "a,b\n1;2,3\n", ',', ["1: a|b", "2: 1;2|3"] },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Records_are_split_by_the_delimiter_with_quoted_fields_whole_and_the_line_each_starts_on(string text, char delimiter, string[] expected)
    {
        var records = CsvText.Records(text, delimiter);

        records.Select(r => $"{r.Line}: {string.Join('|', r.Fields)}").Should().Equal(expected);
        records.Should().OnlyContain(r => !r.Unclosed);
    }

    [Fact]
    public void A_quoted_field_left_open_is_marked_on_the_record_it_starts()
    {
        var records = CsvText.Records("a,b\n1,\"open\n2,3\n");

        records.Should().HaveCount(2);
        records[1].Should().Match<CsvRecord>(r => r.Line == 2 && r.Unclosed);
    }

    [Theory]
    [InlineData('"')]
    [InlineData('\n')]
    [InlineData('\r')]
    public void A_quote_or_a_line_end_cannot_be_the_delimiter(char delimiter)
    {
        var split = () => CsvText.Records("a", delimiter);

        split.Should().Throw<ArgumentOutOfRangeException>();
    }
}
