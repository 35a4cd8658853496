using PerfSuite.Engine.Auth;
using PerfSuite.Engine.Feeds;
using PerfSuite.Engine.Load;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.Load;

/// <summary>
/// A scenario written only against the public API of PerfSuite.Engine (a feed, checks and captures, a custom step, a
/// checked Socket.IO acknowledgement), as a team outside this repository would write it, run against the real reference API.
/// </summary>
[Trait("Category", "Load")]
public sealed class PublicApiScenarioTests(QueueApiFixture fixture) : IClassFixture<QueueApiFixture>
{
    [Fact]
    public async Task A_scenario_on_the_public_api_alone_runs_against_the_reference_api_without_errors()
    {
        var scenarios = new OfficeDay().Create();
        var token = await QueueApiClient.GetTokenAsync(fixture.Api, fixture.Api.Credentials, TestContext.Current.CancellationToken);
        var options = new LoadRunOptions(fixture.Api.BaseUri, scenarios, new LoadProfile("short", [new ArrivalPhase("short", TimeSpan.FromSeconds(2), 2)]))
        {
            TokenProvider = StaticTokenProvider.FromValue(token),
        };

        var summary = await LoadRunner.RunAsync(options, TestContext.Current.CancellationToken);

        summary.ScenariosLaunched.Should().Be(4);
        summary.FailedRequests.Should().Be(0, string.Join(", ", summary.Errors.Select(e => $"{e.Key}={e.Value}")));
        summary.Endpoints.Select(e => e.Name).Should().Contain("pick a citizen").And.Contain("socket.io ack joinRoom");
    }

    /// <summary>The sample of the closing note and docs: only public types, no internals.</summary>
    private sealed class OfficeDay : ILoadScenario
    {
        public string Id => "office-day";

        public string Name => "Office day";

        public IReadOnlyList<Scenario> Create() =>
        [
            Scenario.Create(Name)
                .WithFeed(DataFeed.FromRecords("offices", [new Dictionary<string, string> { ["office_id"] = "1" }], FeedOrder.Random))
                .Get("/api/v1/services/?office_id={office_id}", r => r.Expect(200)
                    .CheckJsonExists("$.services[0]", "office has services")
                    .Capture("$.services[0].service_id", "service"))
                .Step("pick a citizen", async (ctx, ct) =>
                {
                    using var response = await ctx.Http.GetAsync(new Uri("/api/v1/citizens/", UriKind.Relative), ct);
                    response.EnsureSuccessStatusCode();
                    ctx.Set("note", $"service {ctx["service"]}");
                }, "note")
                .SocketIoConnect("/api/v1/socket.io")
                .EmitWithAck("joinRoom", [new { room = "office_{office_id}" }], m => m.CheckJson("$.success", true))
                .SocketIoDisconnect()
                .Build(),
        ];
    }
}
