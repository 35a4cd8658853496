using PerfSuite.Engine.Load;

namespace PerfSuite.Scenarios.CsrScenarios;

/// <summary>
/// CSR – Websockets: the browser's live-update channel. Connects Socket.IO (websocket transport, token in the
/// <c>oidc-jwt</c> cookie), joins the office room twice (once timed on the acknowledgement, once on the server's
/// <c>joinRoomSuccess</c> event) and disconnects.
/// </summary>
public sealed class Websockets : ILoadScenario
{
    /// <summary>ASCII id for <c>--filter "ScenarioId=csr-websockets"</c> and report folders.</summary>
    public const string Id = "csr-websockets";

    /// <inheritdoc />
    string ILoadScenario.Id => Id;

    /// <inheritdoc />
    string ILoadScenario.Name => Name;

    /// <summary>Scenario name, as in <c>scenarios/budgets.json</c> and the reports.</summary>
    public const string Name = "CSR – Websockets";

    /// <summary>The reference API's Engine.IO path.</summary>
    public const string SocketIoPath = "/api/v1/socket.io";

    private static readonly TimeSpan ThinkTime = TimeSpan.FromSeconds(5);

    // The room the server broadcasts office 1's appointment changes to.
    private static readonly object Room = new { room = $"office_{CsrDataLoad.OfficeId}" };

    /// <summary>
    /// Builds the flow: connect → emit <c>joinRoom</c> and await the ack → think → emit <c>joinRoom</c> and await
    /// <c>joinRoomSuccess</c> → think → disconnect. Think 5 s each.
    /// </summary>
    /// <param name="weight">Weight in a mix (&gt;= 1); 1 when run alone.</param>
    /// <returns>The scenario.</returns>
    public static Scenario Create(int weight = 1) =>
        Scenario.Create(Name, weight)
            .SocketIoConnect(SocketIoPath)
            .EmitWithAck("joinRoom", [Room])
            .Think(ThinkTime)
            .EmitAndWaitFor("joinRoom", "joinRoomSuccess", [Room])
            .Think(ThinkTime)
            .SocketIoDisconnect()
            .Build();

    /// <inheritdoc />
    IReadOnlyList<Scenario> ILoadScenario.Create() => [Create()];
}
