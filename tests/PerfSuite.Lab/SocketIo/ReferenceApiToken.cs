using System.Text.Json;
using PerfSuite.Cli;

namespace PerfSuite.Lab.SocketIo;

/// <summary>The reference API's access token for its seeded account <c>csr1</c> (password grant), for the Socket.IO commands' <c>oidc-jwt</c> cookie.</summary>
internal static class ReferenceApiToken
{
    /// <summary>The token; null when the server has no such endpoint, refuses the account or does not answer within <paramref name="timeout"/> (default 10 s).</summary>
    public static async Task<string?> TryFetchAsync(Uri baseUri, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "csr1",
            ["password"] = "csr1-password",
            ["client_id"] = "queue-web",
        });
        try
        {
            using var response = await http.PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative), form).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
            return body.RootElement.TryGetProperty("access_token", out var token) ? token.GetString() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException)
        {
            return null;
        }
    }
}
