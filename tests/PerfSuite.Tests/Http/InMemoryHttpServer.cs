using System.Collections.Concurrent;
using System.Net;
using System.Text;
using PerfSuite.Engine.Http.Http1;

namespace PerfSuite.Tests.Http;

/// <summary>
/// An HTTP/1.1 server in memory for the lean client (<see cref="Http1Connector"/>): each connection parses the requests
/// written to it and queues its answers at once, so every send and receive completes synchronously and a run on the
/// default HTTP path stays in virtual time with nothing on the thread pool. Records every request, like <see cref="SpyHttpHandler"/>.
/// </summary>
internal sealed class InMemoryHttpServer(Func<InMemoryRequest, (HttpStatusCode Status, string? Json)> respond)
{
    private readonly Func<InMemoryRequest, (HttpStatusCode Status, string? Json)> _respond = respond;
    private int _connections;

    public ConcurrentQueue<(string Method, string PathAndQuery, string? Authorization, string? Body)> Requests { get; } = new();

    /// <summary>Connections the client opened.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public Http1Connector Connector => (_, _) =>
    {
        Interlocked.Increment(ref _connections);
        return ValueTask.FromResult<IHttp1Transport>(new Connection(this));
    };

    private sealed class Connection(InMemoryHttpServer server) : IHttp1Transport
    {
        private readonly List<byte> _incoming = [];
        private readonly Queue<byte> _outgoing = new();

        public ValueTask<int> SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            _incoming.AddRange(bytes.Span);
            while (TryAnswer())
            {
            }

            return ValueTask.FromResult(bytes.Length);
        }

        public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var n = 0;
            while (n < buffer.Length && _outgoing.TryDequeue(out var b))
            {
                buffer.Span[n++] = b;
            }

            return ValueTask.FromResult(n);
        }

        public bool Readable() => _outgoing.Count > 0;

        public void Dispose()
        {
        }

        private bool TryAnswer()
        {
            var text = Encoding.Latin1.GetString([.. _incoming]);
            var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd < 0)
            {
                return false;
            }

            var lines = text[..headEnd].Split("\r\n");
            var fields = lines.Skip(1).Select(l => l.Split(':', 2)).Select(p => (Name: p[0].Trim(), Value: p[1].Trim())).ToList();
            var headers = fields.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.OrdinalIgnoreCase);
            var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            if (_incoming.Count < headEnd + 4 + length)
            {
                return false;
            }

            var body = length == 0 ? null : Encoding.UTF8.GetString([.. _incoming.GetRange(headEnd + 4, length)]);
            _incoming.RemoveRange(0, headEnd + 4 + length);
            var requestLine = lines[0].Split(' ');
            server.Requests.Enqueue((requestLine[0], requestLine[1], headers.GetValueOrDefault("Authorization"), body));
            var (status, json) = server._respond(new InMemoryRequest(requestLine[0], requestLine[1], fields, body));
            var payload = Encoding.UTF8.GetBytes(json ?? string.Empty);
            var head = $"HTTP/1.1 {(int)status} {status}\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\n\r\n";
            foreach (var b in Encoding.ASCII.GetBytes(head).Concat(payload))
            {
                _outgoing.Enqueue(b);
            }

            return true;
        }
    }
}

/// <summary>A request as <see cref="InMemoryHttpServer"/> read it off the connection.</summary>
/// <param name="Method">The method.</param>
/// <param name="PathAndQuery">The request target.</param>
/// <param name="Headers">Every header line, in order.</param>
/// <param name="Body">The body, or null without one.</param>
internal sealed record InMemoryRequest(string Method, string PathAndQuery, IReadOnlyList<(string Name, string Value)> Headers, string? Body);
