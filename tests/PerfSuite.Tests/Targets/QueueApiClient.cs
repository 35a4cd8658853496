using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;

namespace PerfSuite.Tests.Targets;

/// <summary>A plain HttpClient against the reference API, for tests that check the server itself.</summary>
internal sealed class QueueApiClient : IDisposable
{
    private QueueApiClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public static QueueApiClient Anonymous(ITarget target) =>
        new(new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = target.BaseUri, Timeout = TimeSpan.FromSeconds(10) });

    public static async Task<string> GetTokenAsync(ITarget target, QueueApiCredentials credentials, CancellationToken cancellationToken)
    {
        using var client = Anonymous(target);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = credentials.Username,
            ["password"] = credentials.Password,
            ["client_id"] = credentials.ClientId,
        });
        using var response = await client.Http.PostAsync(QueueApiCredentials.TokenPath, form, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<QueueApiClient> AuthenticatedAsync(QueueApiTarget target, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(target, target.Credentials, cancellationToken);
        var client = Anonymous(target);
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, CancellationToken cancellationToken) =>
        Http.PostAsJsonAsync(path, body, cancellationToken);

    public void Dispose() => Http.Dispose();
}
