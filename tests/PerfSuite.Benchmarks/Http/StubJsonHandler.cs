using System.Net.Http.Headers;

namespace PerfSuite.Benchmarks.Http;

/// <summary>Answers every request at once with 200 and a small JSON object, for capture and check benchmarks.</summary>
internal sealed class StubJsonHandler : HttpMessageHandler
{
    private static readonly byte[] Body = """{"ok":true,"id":42,"name":"counter 3","items":[1,2,3]}"""u8.ToArray();
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(Body);
        content.Headers.ContentType = Json;
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = request, Content = content });
    }
}
