using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PerfSuite.Tests.Http;

/// <summary>Records every request and answers with whatever <c>respond</c> returns for its method and path.</summary>
internal sealed class SpyHttpHandler(Func<HttpRequestMessage, (HttpStatusCode Status, string? Json)> respond) : HttpMessageHandler
{
    public ConcurrentQueue<(string Method, string PathAndQuery, string? Authorization, string? Body)> Requests { get; } = new();

    public ConcurrentQueue<string> Headers { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Headers.Enqueue(request.Headers.ToString());
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method.Method, request.RequestUri!.PathAndQuery, request.Headers.Authorization?.ToString(), body));
        var (status, json) = respond(request);
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(json ?? string.Empty, Encoding.UTF8, "application/json"),
        };
    }
}
