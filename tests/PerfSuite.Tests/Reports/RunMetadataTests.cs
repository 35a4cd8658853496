using PerfSuite.Reporting.Reports;

namespace PerfSuite.Tests.Reports;

public sealed class RunMetadataTests
{
    public static TheoryData<string?, string> Urls => new()
    {
        { "http://127.0.0.1:5123", "http://127.0.0.1:5123/" },
        { "http://127.0.0.1:5123/base/", "http://127.0.0.1:5123/base/" },
        { "https://user:s3cret@example.test/api", "https://example.test/api" },
        { "http://127.0.0.1:5123/?access_token=abc.def#frag", "http://127.0.0.1:5123/" },
        { "Bearer eyJhbGciOi", "(redacted)" },
        { "", "(redacted)" },
        { null, "(redacted)" },
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public void The_target_url_never_keeps_credentials_query_or_fragment(string? url, string expected)
    {
        var metadata = new RunMetadata("run", "scenario", "smoke", url!);

        metadata.TargetUrl.Should().Be(expected);
    }
}
