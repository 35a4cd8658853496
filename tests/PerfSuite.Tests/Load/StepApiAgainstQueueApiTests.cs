using System.Text.Json;
using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Targets;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Load;

/// <summary>The public step API against the real reference API: checks failing on real data, several captures, a custom step, checked acks.</summary>
[Trait("Category", "Load")]
public sealed class StepApiAgainstQueueApiTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    private static readonly object Slot = new { start_time = "2026-12-01T09:00:00Z", end_time = "2026-12-01T09:15:00Z", office_id = 1 };

    [Fact]
    public async Task A_check_that_real_data_fails_is_counted_under_its_name_and_a_custom_step_is_its_own_endpoint()
    {
        var flow = Scenario.Create("CSR – Step API")
            .Post("/api/v1/appointments/draft", r => r.Json(Slot).Expect(201)
                .CheckJson("$.appointment.office_id", 1)
                .CheckJson("$.appointment.is_draft", true)
                .Capture("$.appointment.appointment_id", "draft_id")
                .Capture("$.appointment.office_id", "draft_office"))
            .Step("count citizens", async (ctx, ct) =>
            {
                using var response = await ctx.Http.GetAsync(new Uri("/api/v1/citizens/", UriKind.Relative), ct);
                response.EnsureSuccessStatusCode(); // 401 without the run's token, which the client adds like the built-in steps
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                ctx.Set("citizens", body.RootElement.GetProperty("citizens").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
            }, "citizens")
            .Delete("/api/v1/appointments/draft/{draft_id}/", r => r.Expect(204))
            .Get("/api/v1/services/?office_id={draft_office}", r => r.Expect(200)
                .CheckJsonExists("$.services[0].office_id")
                .CheckJson("$.services[0].office_id", 2, name: "first service is in office 2"))
            .Get("/api/v1/citizens/", r => r.Expect(200))
            .Build();

        var summary = await RunOnceAsync(flow);

        summary.Endpoints.Select(e => (e.Name, e.Kind, e.Requests, e.FailedRequests)).Should().Equal(
            ("POST /api/v1/appointments/draft", "http", 1L, 0L),
            ("count citizens", "custom", 1L, 0L),
            ("DELETE /api/v1/appointments/draft/{draft_id}/", "http", 1L, 0L),
            ("GET /api/v1/services/?office_id={draft_office}", "http", 1L, 1L),
            ("GET /api/v1/citizens/", "http", 0L, 0L));
        summary.Endpoints.Single(e => e.Name == "count citizens").Latency.MinMs.Should().BeGreaterThan(0);
        summary.Errors.Should().Equal(new Dictionary<string, long> { ["check:first service is in office 2"] = 1 });
        // Codes are the protocol operations' only: the custom step is counted apart, not as a code 0 (issue 23).
        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 1, ["201"] = 1, ["204"] = 1 });
        (summary.CustomSteps, summary.FailedCustomSteps).Should().Be((1L, 0L));
        summary.ScenariosFailed.Should().Be(1);
    }

    [Fact]
    public async Task A_joinRoom_ack_with_success_false_fails_its_check_and_a_good_one_passes()
    {
        var flow = Scenario.Create("CSR – Websockets checked")
            .SocketIoConnect("/api/v1/socket.io")
            .EmitWithAck("joinRoom", ["office_1"], m => m.CheckJson("$.success", true).Capture("$.room", "room"))
            .EmitAndWaitFor("joinRoom", "joinRoomSuccess", ["{room}"], m => m.CheckJson("$.room", "office_1"))
            .EmitWithAck("joinRoom", [new { room = " " }], m => m.CheckJson("$.success", true))
            .SocketIoDisconnect()
            .Build();

        var summary = await RunOnceAsync(flow);

        summary.Errors.Should().Equal(new Dictionary<string, long> { ["check:$.success == true"] = 1 });
        summary.Endpoints.Select(e => (e.Name, e.Requests, e.FailedRequests)).Should().Equal(
            ("socket.io connect /api/v1/socket.io", 1L, 0L),
            ("socket.io ack joinRoom", 2L, 1L),
            ("socket.io event joinRoomSuccess", 1L, 0L));
        summary.ScenariosFailed.Should().Be(1);
    }

    private async Task<RunSummary> RunOnceAsync(Scenario flow)
    {
        var token = await QueueApiClient.GetTokenAsync(fixture.Api, fixture.Api.Credentials, TestContext.Current.CancellationToken);
        var options = new LoadRunOptions(fixture.Api.BaseUri, [flow], new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]))
        {
            TokenProvider = StaticTokenProvider.FromValue(token),
            GracefulStop = TimeSpan.FromSeconds(10),
        };
        return await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);
    }
}
