using System.Net;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>
/// The byte stream under one <see cref="Http1Connection"/>: a TCP socket in every run (<see cref="SocketTransport"/>), an
/// in-memory server in the tests that drive the lean client in virtual time. Each call may complete synchronously.
/// </summary>
internal interface IHttp1Transport : IDisposable
{
    /// <summary>Sends some of <paramref name="bytes"/>; returns how many were sent.</summary>
    ValueTask<int> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Receives into <paramref name="buffer"/>; returns how many bytes arrived, 0 when the peer closed.</summary>
    ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>True when the idle connection has something to read: the peer closed it (FIN, RST) or sent bytes unasked.</summary>
    bool Readable();
}

/// <summary>Opens the transport of a new connection to <paramref name="endPoint"/>.</summary>
internal delegate ValueTask<IHttp1Transport> Http1Connector(EndPoint endPoint, CancellationToken cancellationToken);
