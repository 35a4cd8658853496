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

    /// <summary>True when the server refused the namespace connection (a CONNECT_ERROR packet, e.g. unauthorized).</summary>
    public bool ConnectionRefused { get; init; }
}
