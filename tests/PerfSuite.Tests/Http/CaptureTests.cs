using System.Text.Json;
using PerfSuite.Engine.Http;

namespace PerfSuite.Tests.Http;

public sealed class CaptureTests
{
    public static TheoryData<string, string?> Paths => new()
    {
        { "appointment.appointment_id", "42" },
        { "appointment.office", "o-1" },
        { "items.1.id", "7" },
        { "appointment.missing", null },
        { "appointment.appointment_id.deeper", null },
        { "items.5.id", null },
        { "nothing", null },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Dotted_paths_capture_values_or_report_them_missing(string path, string? expected)
    {
        using var document = JsonDocument.Parse("""{"appointment":{"appointment_id":42,"office":"o-1"},"items":[{"id":6},{"id":7}],"nothing":null}""");

        var found = Capture.Json(path, into: "v").TryExtract(document.RootElement, out var value);

        found.Should().Be(expected is not null);
        if (expected is not null)
        {
            value.Text.Should().Be(expected);
        }
    }
}
