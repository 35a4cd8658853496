using System.Net.Http.Headers;
using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Http;

/// <summary>Adds the user's bearer token to requests of a custom step's <see cref="HttpClient"/> that carry no Authorization header, as the built-in steps do.</summary>
internal sealed class BearerTokenHandler(VirtualUser user, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null && await user.GetTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
