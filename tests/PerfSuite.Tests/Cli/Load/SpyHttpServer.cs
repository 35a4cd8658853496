using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PerfSuite.Tests.Cli.Load;

/// <summary>
/// A loopback HTTP/1.1 server that answers every request 200 (by default with an empty body; or with the given
/// Content-Type and body) and keeps each request's head lines. Request bodies are not read: GET requests only.
/// </summary>
internal sealed class SpyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly byte[] _response;

    public SpyHttpServer(string? contentType = null, string body = "")
    {
        var type = contentType is null ? string.Empty : $"Content-Type: {contentType}\r\n";
        _response = Encoding.UTF8.GetBytes($"HTTP/1.1 200 OK\r\n{type}Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public ConcurrentQueue<IReadOnlyList<string>> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                while (true)
                {
                    var lines = new List<string>();
                    string? line;
                    while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(_stop.Token)))
                    {
                        lines.Add(line);
                    }

                    if (lines.Count == 0)
                    {
                        return;
                    }

                    Requests.Enqueue(lines);
                    await stream.WriteAsync(_response, _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client closed the connection or the server is stopping.
            }
        }
    }
}
