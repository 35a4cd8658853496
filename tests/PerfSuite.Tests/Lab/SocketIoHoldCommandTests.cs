using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.Lab;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Lab;

/// <summary><c>perfsuite-lab socketio-hold</c> against the real reference API: every connection held and acked, one JSON line.</summary>
[Trait("Category", "Load")]
public sealed class SocketIoHoldCommandTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    [Fact]
    public async Task Holding_120_connections_prints_one_json_line_with_readings_at_0_100_and_120_and_every_connection_acked()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await LabCommandLine.RunAsync(
            ["socketio-hold", "--url", fixture.Api.BaseUri.ToString(), "--connections", "120", "--hold-seconds", "0"], output, error);

        exit.Should().Be(0, error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().ContainSingle();
        using var json = JsonDocument.Parse(lines[0]);
        var root = json.RootElement;
        root.GetProperty("connected").GetInt32().Should().Be(120);
        root.GetProperty("still_connected").GetInt32().Should().Be(120);
        root.GetProperty("acked").GetInt32().Should().Be(120);
        foreach (var reading in new[] { "at_0", "at_100", "at_120" })
        {
            root.GetProperty(reading).GetProperty("managed_bytes").GetInt64().Should().BeGreaterThan(0);
            root.GetProperty(reading).GetProperty("rss_bytes").GetInt64().Should().BeGreaterThanOrEqualTo(0);
        }

        root.GetProperty("bytes_per_connection_100_to_120").GetProperty("managed").ValueKind.Should().Be(JsonValueKind.Number);
        root.GetProperty("bytes_per_connection_overall").GetProperty("rss_anon").ValueKind.Should().Be(JsonValueKind.Number);
    }
}
