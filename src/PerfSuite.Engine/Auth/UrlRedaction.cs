namespace PerfSuite.Engine.Auth;

/// <summary>
/// How a URL is shown in logs, reports and error messages: userinfo (<c>user:password@</c>) becomes <c>***@</c>, and the
/// value of every query parameter whose name looks secret (secret, password, token, key, signature, credential, auth) becomes <c>***</c>.
/// </summary>
public static class UrlRedaction
{
    private static readonly string[] SecretNameParts = ["secret", "password", "passwd", "pwd", "token", "key", "signature", "sig", "credential", "auth", "code"];

    /// <summary>The URL with its secrets replaced by <c>***</c>; <c>(none)</c> for <c>null</c>.</summary>
    /// <param name="url">Any URL, absolute or not.</param>
    /// <returns>A string safe to print.</returns>
    public static string Redact(Uri? url)
    {
        if (url is null)
        {
            return "(none)";
        }

        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        var builder = new UriBuilder(url);
        var hadUserInfo = builder.UserName.Length > 0 || builder.Password.Length > 0;
        builder.UserName = string.Empty;
        builder.Password = string.Empty;
        builder.Query = RedactQuery(url.Query);
        var text = builder.Uri.AbsoluteUri;
        return hadUserInfo ? text.Insert(text.IndexOf("://", StringComparison.Ordinal) + 3, "***@") : text;
    }

    private static string RedactQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var pairs = query[1..].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pairs[i] : pairs[i][..equals];
            if (equals >= 0 && SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase)))
            {
                pairs[i] = name + "=***";
            }
        }

        return string.Join('&', pairs);
    }
}
