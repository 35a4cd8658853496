namespace PerfSuite.Engine.Auth;

/// <summary>Sends no token (anonymous requests).</summary>
public sealed class NoTokenProvider : ITokenProvider
{
    /// <summary>The shared instance.</summary>
    public static NoTokenProvider Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask<string?> GetTokenAsync(int virtualUser, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <inheritdoc />
    public override string ToString() => "no token";
}
