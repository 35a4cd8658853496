using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.SocketIo;

/// <summary>Closes the user's Socket.IO connection (not a request; a missing connection is not an error).</summary>
internal sealed class SocketIoDisconnectStep : FlowStep
{
    public override string? EndpointName => null;

    public override async Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        if (user.SocketIo is { } connection)
        {
            user.SocketIo = null;
            try
            {
                await connection.DisconnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketIoException or IOException or System.Net.WebSockets.WebSocketException)
            {
                // The server may close first; the flow's work is done either way.
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }

        return true;
    }
}
