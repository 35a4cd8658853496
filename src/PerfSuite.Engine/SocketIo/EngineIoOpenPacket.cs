using System.Text.Json;

namespace PerfSuite.Engine.SocketIo;

/// <summary>The Engine.IO v4 handshake: <c>0{"sid":...,"upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}</c>.</summary>
/// <param name="SessionId">Engine.IO session id.</param>
/// <param name="PingInterval">How often the server pings.</param>
/// <param name="PingTimeout">How long past <paramref name="PingInterval"/> the server may stay silent before the connection counts as dead.</param>
/// <param name="MaxPayload">Largest packet the server accepts, in bytes.</param>
internal sealed record EngineIoOpenPacket(string SessionId, TimeSpan PingInterval, TimeSpan PingTimeout, long MaxPayload)
{
    /// <summary>pingInterval + pingTimeout: the longest silence before the connection counts as closed.</summary>
    public TimeSpan SilenceLimit => PingInterval + PingTimeout;

    /// <summary>Parses the text of an open packet, the leading <c>0</c> included.</summary>
    /// <exception cref="SocketIoException">The text is not an Engine.IO v4 open packet.</exception>
    public static EngineIoOpenPacket Parse(string text)
    {
        if (text.Length < 2 || text[0] != '0')
        {
            throw BadHandshake(text, "the first packet must be an Engine.IO open packet '0{...}'");
        }

        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(1));
            var root = document.RootElement;
            var sid = root.GetProperty("sid").GetString() ?? throw BadHandshake(text, "sid is null");
            var interval = TimeSpan.FromMilliseconds(root.GetProperty("pingInterval").GetDouble());
            var timeout = TimeSpan.FromMilliseconds(root.GetProperty("pingTimeout").GetDouble());
            var maxPayload = root.TryGetProperty("maxPayload", out var max) ? max.GetInt64() : 1_000_000;
            return new EngineIoOpenPacket(sid, interval, timeout, maxPayload);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SocketIoException($"Bad Engine.IO handshake '{(text.Length <= 80 ? text : text[..80])}': {exception.Message}", exception) { ProtocolViolation = true };
        }
    }

    private static SocketIoException BadHandshake(string text, string reason) =>
        new($"Bad Engine.IO handshake '{(text.Length <= 80 ? text : text[..80])}': {reason}.") { ProtocolViolation = true };
}
