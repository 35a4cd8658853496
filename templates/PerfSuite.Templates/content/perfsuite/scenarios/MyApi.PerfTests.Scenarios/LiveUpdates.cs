using PerfSuite.Engine.Load;

namespace MyApi.PerfTests.Scenarios;

/// <summary>
/// A Socket.IO scenario: connect (websocket transport), emit <c>ping</c> and await its acknowledgement, disconnect.
/// Change the path and the event to your server's.
/// </summary>
public sealed class LiveUpdates : ILoadScenario
{
    /// <inheritdoc />
    public string Id => "live-updates";

    /// <inheritdoc />
    public string Name => "Live updates";

    /// <inheritdoc />
    public IReadOnlyList<Scenario> Create() =>
    [
        Scenario.Create(Name)
            .SocketIoConnect("/socket.io")
            .EmitWithAck("ping", [new { hello = "perfsuite" }])
            .Think(TimeSpan.FromMilliseconds(200))
            .SocketIoDisconnect()
            .Build(),
    ];
}
