using System.Net.Sockets;
using System.Security.Authentication;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Engine.Metrics;

/// <summary>Names and classifies failures as <see cref="ErrorKind"/>.</summary>
public static class ErrorKinds
{
    private static readonly string[] Keys =
    [
        "connection-refused", "connection-reset", "connection-closed", "timeout", "dns", "tls", "socket-disconnect", "capture-failed",
        "unexpected-status", "other", "step-failed", "check", "not-http", "malformed-head", "bad-chunk", "response-truncated",
        "body-too-large", "protocol-violation",
    ];

    /// <summary>Number of <see cref="ErrorKind"/> values, for arrays indexed by kind.</summary>
    public static int Count => Keys.Length;

    /// <summary>The kebab-case key of a kind, e.g. <c>connection-refused</c>.</summary>
    /// <param name="kind">The kind.</param>
    public static string ToKey(ErrorKind kind) => Keys[(int)kind];

    /// <summary>
    /// Classifies an exception thrown by a request or Socket.IO operation. Call only for failures that are not the
    /// run's own cancellation (a cancelled run is not an error sample); a <see cref="TaskCanceledException"/> or
    /// <see cref="TimeoutException"/> here means a timeout.
    /// </summary>
    /// <param name="exception">What the operation threw.</param>
    public static ErrorKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var socketIo = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException or TimeoutException:
                    return ErrorKind.Timeout;
                case Http.Http1.ResponseFaultException fault:
                    return fault.Kind;
                case SocketIoException { ProtocolViolation: true }:
                    return ErrorKind.ProtocolViolation;
                case System.Net.WebSockets.WebSocketException { WebSocketErrorCode: System.Net.WebSockets.WebSocketError.Faulted or System.Net.WebSockets.WebSocketError.HeaderError or System.Net.WebSockets.WebSocketError.InvalidMessageType }:
                    // ManagedWebSocket's answer to a reserved bit or opcode, a bad length, a masked server frame, invalid UTF-8.
                    return ErrorKind.ProtocolViolation;
                case Http.Http1.ServerDroppedRequestException dropped:
                    return dropped.Reset ? ErrorKind.ConnectionReset : ErrorKind.ConnectionClosed;
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => ErrorKind.ConnectionRefused,
                        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => ErrorKind.ConnectionReset,
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => ErrorKind.Dns,
                        SocketError.TimedOut => ErrorKind.Timeout,
                        _ => ErrorKind.Other,
                    };
                case AuthenticationException:
                    return ErrorKind.Tls;
                case SocketIoException:
                    // Its cause, when it has one, names the fault as an HTTP step would (connection-refused, dns, ...).
                    socketIo = true;
                    break;
                case HttpRequestException http when http.HttpRequestError == HttpRequestError.NameResolutionError:
                    return ErrorKind.Dns;
                case HttpRequestException http when http.HttpRequestError == HttpRequestError.SecureConnectionError && e.InnerException is null:
                    return ErrorKind.Tls;
                case HttpRequestException http when e.InnerException is null && http.HttpRequestError is HttpRequestError.ResponseEnded:
                    return ErrorKind.ConnectionReset;
                case HttpIOException io when io.HttpRequestError is HttpRequestError.ResponseEnded && e.InnerException is null:
                    return ErrorKind.ConnectionReset;
                default:
                    break;
            }
        }

        return socketIo ? ErrorKind.SocketDisconnect : ErrorKind.Other;
    }
}
