namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Options of a Socket.IO connect step, set in the lambda of <see cref="Load.ScenarioBuilder.SocketIoConnect"/>:
/// e.g. <c>c =&gt; c.Header("X-Tenant", "a")</c>.
/// </summary>
public sealed class ConnectOptions
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _problems = [];

    internal ConnectOptions()
    {
    }

    internal IReadOnlyDictionary<string, string> Headers => _headers;

    internal IReadOnlyList<string> Problems => _problems;

    /// <summary>Adds a header to the websocket upgrade request (Artillery's <c>socketio.extraHeaders</c>).</summary>
    /// <param name="name">Header name, not empty.</param>
    /// <param name="value">Header value.</param>
    public ConnectOptions Header(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(name))
        {
            _problems.Add($"Header: name must not be empty (was '{name}')");
            return this;
        }

        _headers[name] = value;
        return this;
    }
}
