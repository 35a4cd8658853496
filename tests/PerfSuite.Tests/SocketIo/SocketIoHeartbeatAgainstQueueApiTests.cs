using PerfSuite.Engine.SocketIo;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Tests.Targets;

namespace PerfSuite.Tests.SocketIo;

/// <summary>
/// The lean client answers the real server's Engine.IO pings: with a 1 s ping interval and a 1 s ping timeout the
/// server drops a silent client after about 2 s, so a connection still usable after several intervals proves the pongs.
/// </summary>
[Trait("Category", "Load")]
public sealed class SocketIoHeartbeatAgainstQueueApiTests
{
    [Fact]
    public async Task Connection_outlives_several_server_ping_intervals_and_still_gets_acks()
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        await using var api = new QueueApiBuilder()
            .WithEnvironment("QUEUE_API_PING_INTERVAL", "1")
            .WithEnvironment("QUEUE_API_PING_TIMEOUT", "1")
            .Build();
        await api.StartAsync(bound.Token);
        var token = await QueueApiClient.GetTokenAsync(api, api.Credentials, bound.Token);
        var options = new SocketIoConnectOptions(api.BaseUri, "/api/v1/socket.io") { Cookies = new Dictionary<string, string> { ["oidc-jwt"] = token } };
        await using var connection = await SocketIoClient.ConnectAsync(options, bound.Token);

        // Not a timing assertion: the wait only gives the server four ping rounds in which it would drop a silent client.
        await Task.Delay(TimeSpan.FromSeconds(4), bound.Token);
        var ack = await connection.EmitWithAckAsync("joinRoom", ["office_1"], bound.Token);

        connection.IsConnected.Should().BeTrue();
        ack.Arguments[0].GetProperty("success").GetBoolean().Should().BeTrue();
    }
}
