using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace PerfSuite.Tests.Http;

/// <summary>Records every request and answers with whatever <c>respond</c> returns for its method and path.</summary>
internal sealed class SpyHttpHandler(Func<HttpRequestMessage, (HttpStatusCode Status, string? Json)> respond) : HttpMessageHandler
{
    public ConcurrentQueue<(string Method, string PathAndQuery, string? Authorization, string? Body)> Requests { get; } = new();

    public ConcurrentQueue<string> Headers { get; } = new();

    /// <summary>
    /// The same spy for the default HTTP path: the lean client's connections go to an in-memory server that records each
    /// request here and answers with <c>respond</c>, synchronously, so the run stays in virtual time (<see cref="Support.VirtualTimeRun.RunLeanAsync"/>).
    /// </summary>
    public PerfSuite.Engine.Http.Http1.Http1Connector Connector => new InMemoryHttpServer(request =>
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(Support.VirtualTimeRun.Base, request.PathAndQuery));
        foreach (var (name, value) in request.Headers.Where(h => h.Name is not ("Host" or "Content-Length" or "Content-Type")))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        Headers.Enqueue(message.Headers.ToString());
        Requests.Enqueue((request.Method, request.PathAndQuery, message.Headers.Authorization?.ToString(), request.Body));
        return respond(message);
    }).Connector;

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
