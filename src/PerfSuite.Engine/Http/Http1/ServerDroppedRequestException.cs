using System.Net.Sockets;

namespace PerfSuite.Engine.Http.Http1;

/// <summary>
/// The server ended the connection after the request was written and before any byte of a response: closed (FIN),
/// counted as <c>connection-closed</c>, or reset (RST, the inner <see cref="SocketException"/>), counted as <c>connection-reset</c>.
/// </summary>
internal sealed class ServerDroppedRequestException(SocketException? reset)
    : IOException(reset is null ? "The server closed the connection without answering the request." : "The server reset the connection without answering the request.", reset)
{
    /// <summary>True for a reset, false for a close.</summary>
    public bool Reset => InnerException is not null;
}
