using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>A TCP connection (Nagle off, as every HTTP client does for request/response traffic): the lean client's transport in every run.</summary>
internal sealed class SocketTransport(Socket socket) : IHttp1Transport
{
    /// <summary>Connects to <paramref name="endPoint"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<IHttp1Transport> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new SocketTransport(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) => socket.SendAsync(bytes, SocketFlags.None, cancellationToken);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) => socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    public bool Readable() => socket.Poll(0, SelectMode.SelectRead);

    public void Dispose() => socket.Dispose();
}
