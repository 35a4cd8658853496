namespace PerfSuite.Reporting.Reports;

/// <summary>
/// What a run was. Reports are attached to CI runs and pull requests, so the target URL never carries credentials:
/// user info, query and fragment are removed on construction.
/// </summary>
/// <param name="RunId">Identifier of the run, e.g. <c>20201109-120142-smoke</c>.</param>
/// <param name="Scenario">Scenario name, e.g. <c>CSR – Websockets</c>.</param>
/// <param name="Profile">Load profile name, e.g. <c>smoke</c>.</param>
/// <param name="TargetUrl">Base URL of the server under test; stored without user info, query or fragment.</param>
public sealed record RunMetadata(string RunId, string Scenario, string Profile, string TargetUrl)
{
    /// <summary>The target's base URL without user info, query or fragment, e.g. <c>http://127.0.0.1:5123/</c>;
    /// <c>(redacted)</c> when the text is not an absolute URL (it could be anything, including a secret).</summary>
    public string TargetUrl { get; } = Redact(TargetUrl);

    /// <summary>
    /// How the run was split, stated in every report: <c>shard 2 of 4: 25 % of each phase</c> for one shard's reports,
    /// <c>merged from 4 shards (…); largest start lag 12 ms</c> for a merge; <c>null</c> for a whole run.
    /// </summary>
    public string? Sharding { get; init; }

    /// <summary>Removes user info, query and fragment from a URL.</summary>
    /// <param name="url">Any text.</param>
    /// <returns>The scheme, host, port and path; <c>(redacted)</c> when <paramref name="url"/> is not an absolute URL.</returns>
    public static string Redact(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return "(redacted)";
        }

        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }
}
