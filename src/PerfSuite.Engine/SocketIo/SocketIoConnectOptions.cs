namespace PerfSuite.Engine.SocketIo;

/// <summary>Where and how to open a Socket.IO connection.</summary>
/// <param name="BaseUri">Server base URL (http or https; the websocket scheme is derived).</param>
/// <param name="Path">Engine.IO path, e.g. <c>/api/v1/socket.io</c>; default <c>/socket.io</c>.</param>
public sealed record SocketIoConnectOptions(Uri BaseUri, string Path = "/socket.io")
{
    /// <summary>Cookies sent with the websocket upgrade request (e.g. <c>oidc-jwt</c>).</summary>
    public IReadOnlyDictionary<string, string> Cookies { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra headers sent with the websocket upgrade request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Optional auth payload sent in the namespace CONNECT packet (serialized as JSON).</summary>
    public object? Auth { get; init; }

    /// <summary>Namespace; default <c>/</c>.</summary>
    public string Namespace { get; init; } = "/";
}
