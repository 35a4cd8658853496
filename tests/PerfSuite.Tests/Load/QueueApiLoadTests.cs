using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Load;

/// <summary>The engine against the real reference API on loopback: HTTP steps, capture, auth and an open-model run.</summary>
[Trait("Category", "Load")]
public sealed class QueueApiLoadTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    private static readonly object Slot = new { start_time = "2026-12-01T09:00:00Z", end_time = "2026-12-01T09:15:00Z", office_id = 1 };

    [Fact]
    public async Task Authenticated_reads_of_every_list_route_answer_200()
    {
        var flow = Scenario.Create("CSR – Reads")
            .Get("/api/v1/citizens/", r => r.Expect(200))
            .Get("/api/v1/appointments/", r => r.Expect(200))
            .Get("/api/v1/categories/", r => r.Expect(200))
            .Get("/api/v1/channels/", r => r.Expect(200))
            .Get("/api/v1/services/?office_id=1", r => r.Expect(200))
            .Get("/api/v1/exam_types/", r => r.Expect(200))
            .Build();

        var summary = await RunOnceAsync(flow);

        summary.Codes.Should().Equal(new Dictionary<string, long> { ["200"] = 6 });
        summary.FailedRequests.Should().Be(0);
        summary.ScenariosCompleted.Should().Be(1);
        summary.Latency.Count.Should().Be(6);
        summary.Latency.MinMs.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Draft_is_created_with_201_its_id_captured_and_deleted_with_204()
    {
        var flow = Scenario.Create("CSR – Create and delete draft")
            .Post("/api/v1/appointments/draft", r => r.Json(Slot).Expect(201).Capture("appointment.appointment_id", "draft_id"))
            .Delete("/api/v1/appointments/draft/{draft_id}/", r => r.Expect(204))
            .Build();

        var summary = await RunOnceAsync(flow);

        summary.Codes.Should().Equal(new Dictionary<string, long> { ["201"] = 1, ["204"] = 1 });
        summary.Errors.Should().BeEmpty();
        summary.Endpoints.Select(e => e.Name).Should().Equal("POST /api/v1/appointments/draft", "DELETE /api/v1/appointments/draft/{draft_id}/");
        summary.ScenariosCompleted.Should().Be(1);
    }

    [Fact]
    public async Task Requests_without_a_token_are_refused_with_401()
    {
        var flow = Scenario.Create("Anonymous").Get("/api/v1/citizens/", r => r.Expect(401)).Build();

        var summary = await RunOnceAsync(flow, NoTokenProvider.Instance);

        summary.Codes.Should().Equal(new Dictionary<string, long> { ["401"] = 1 });
        summary.FailedRequests.Should().Be(0);
    }

    [Fact]
    public async Task Password_grant_gets_a_token_once_and_reuses_it()
    {
        using var provider = CreateTokenProvider();
        var ct = TestContext.Current.CancellationToken;

        var first = await provider.GetTokenAsync(0, ct);
        var second = await provider.GetTokenAsync(0, ct);

        first.Should().NotBeNullOrEmpty();
        second.Should().Be(first);
        provider.Fetches.Should().Be(1);
    }

    [Fact]
    public async Task Open_model_at_5_per_second_for_4_seconds_launches_20_users_whose_counts_add_up_exactly()
    {
        var flow = Scenario.Create("CSR – Citizens and draft")
            .Get("/api/v1/citizens/", r => r.Expect(200))
            .Post("/api/v1/appointments/draft", r => r.Json(Slot).Expect(201).Capture("appointment.appointment_id", "draft_id"))
            .Think(TimeSpan.FromMilliseconds(200))
            .Delete("/api/v1/appointments/draft/{draft_id}/", r => r.Expect(204))
            .Build();
        using var tokens = CreateTokenProvider();
        var options = new LoadRunOptions(fixture.Api.BaseUri, [flow], new LoadProfile("smoke", [new ArrivalPhase("steady", TimeSpan.FromSeconds(4), 5)]))
        {
            TokenProvider = tokens,
            GracefulStop = TimeSpan.FromSeconds(5),
        };

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);

        summary.ScenariosLaunched.Should().Be(20);
        summary.ScenariosLaunched.Should().Be(summary.ScenariosCompleted + summary.ScenariosFailed);
        var transportErrors = summary.Errors.Where(e => e.Key is not ("capture-failed" or "unexpected-status")).Sum(e => e.Value);
        summary.Requests.Should().Be(summary.Codes.Values.Sum() + transportErrors);
        summary.Requests.Should().Be(60);
        summary.ScenariosCompleted.Should().Be(20, "the reference API serves 5 users per second without errors");
        summary.Series.Sum(p => p.Arrivals).Should().Be(20);
        summary.Series.Sum(p => p.Requests).Should().Be(60);
        summary.Generator.ArrivalLag.Count.Should().Be(20);
        LatencyHistograms.Decode(summary.Histogram).TotalCount.Should().Be(60);
    }

    private OidcPasswordGrantTokenProvider CreateTokenProvider()
    {
        var login = QueueApiCredentials.Default;
        return new OidcPasswordGrantTokenProvider(
            new Uri(fixture.Api.BaseUri, QueueApiCredentials.TokenPath),
            login.ClientId,
            [new UserCredentials(login.Username, login.Password)]);
    }

    private async Task<RunSummary> RunOnceAsync(Scenario flow, ITokenProvider? tokens = null)
    {
        using var oidc = tokens is null ? CreateTokenProvider() : null;
        var options = new LoadRunOptions(fixture.Api.BaseUri, [flow], new LoadProfile("once", [new ArrivalPhase("one", TimeSpan.FromSeconds(1), 1)]))
        {
            TokenProvider = tokens ?? oidc!,
            GracefulStop = TimeSpan.FromSeconds(10),
        };
        return await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);
    }
}
