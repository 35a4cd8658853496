using System.Net.WebSockets;

namespace PerfSuite.Engine.SocketIo;

/// <summary>Ends a transport once its receive loop has stopped: a bounded close handshake, then abort and dispose.</summary>
internal static class EngineIoTransportClose
{
    /// <summary>
    /// Sends the close frame, reads until the peer's close frame (unless it already came) for at most
    /// <paramref name="timeout"/>, then aborts and disposes. Never throws.
    /// </summary>
    public static async Task FinishAsync(IEngineIoTransport transport, bool peerClosed, TimeSpan timeout)
    {
        // Wall clock on purpose: this bounds a network wait, it is not protocol timing under test.
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await transport.CloseOutputAsync(bound.Token).ConfigureAwait(false);
            while (!peerClosed)
            {
                peerClosed = await transport.ReceiveAsync(bound.Token).ConfigureAwait(false) is null;
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // Already closed, aborted or too slow: the abort below is the bound.
        }

        transport.Abort();
        transport.Dispose();
    }
}
