namespace PerfSuite.Engine.SocketIo;

/// <summary>A Socket.IO connection was refused (CONNECT_ERROR), closed, or broke the protocol.</summary>
public sealed class SocketIoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SocketIoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SocketIoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SocketIoException()
    {
    }

    /// <summary>
    /// The HTTP status the server answered the websocket upgrade with when it was not <c>101</c> (e.g. 404 for a wrong
    /// path, 401 without a token); <c>null</c> when no HTTP answer came (refused, reset, timed out) or the failure was later.
    /// </summary>
    public int? HandshakeStatus { get; init; }

    /// <summary>True when the server refused the namespace connection (a CONNECT_ERROR packet, e.g. unauthorized).</summary>
    public bool ConnectionRefused { get; init; }

    /// <summary>True when the server broke the Engine.IO or Socket.IO protocol (the error kind <c>protocol-violation</c>).</summary>
    internal bool ProtocolViolation { get; init; }
}
