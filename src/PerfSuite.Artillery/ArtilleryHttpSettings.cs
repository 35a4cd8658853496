namespace PerfSuite.Artillery;

/// <summary>The script's <c>config.http</c> and TLS settings.</summary>
/// <param name="RequestTimeout">From <c>config.http.timeout</c> (seconds in the script); <c>null</c> when not set.</param>
/// <param name="MaxSockets">From <c>config.http.maxSockets</c>; <c>null</c> when not set.</param>
/// <param name="Insecure">From <c>config.tls.rejectUnauthorized: false</c>: accept any TLS certificate.</param>
public sealed record ArtilleryHttpSettings(TimeSpan? RequestTimeout, int? MaxSockets, bool Insecure);
