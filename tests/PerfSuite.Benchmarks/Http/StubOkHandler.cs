namespace PerfSuite.Benchmarks.Http;

/// <summary>Answers every request at once with 200 and a 17-byte body, so a benchmark sees the engine's own cost, not a network's.</summary>
internal sealed class StubOkHandler : HttpMessageHandler
{
    private static readonly byte[] Body = "hello from nginx\n"u8.ToArray();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(Body) });
}
