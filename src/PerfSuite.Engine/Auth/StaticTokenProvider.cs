namespace PerfSuite.Engine.Auth;

/// <summary>The same token for every virtual user, given as a value or read from an environment variable.</summary>
public sealed class StaticTokenProvider : ITokenProvider
{
    private readonly string _token;
    private readonly string _source;

    private StaticTokenProvider(string token, string source)
    {
        _token = token;
        _source = source;
    }

    /// <summary>Uses <paramref name="token"/> as it is.</summary>
    /// <param name="token">The access token; must not be empty.</param>
    public static StaticTokenProvider FromValue(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new StaticTokenProvider(token, "a value");
    }

    /// <summary>Reads the token from an environment variable once, now.</summary>
    /// <param name="variable">Name of the environment variable.</param>
    /// <exception cref="InvalidOperationException">The variable is not set or empty (the message names the variable, never a value).</exception>
    public static StaticTokenProvider FromEnvironment(string variable)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        var token = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(token))
        {
            throw new InvalidOperationException($"Environment variable '{variable}' must hold an access token but is not set or empty.");
        }

        return new StaticTokenProvider(token, $"environment variable '{variable}'");
    }

    /// <inheritdoc />
    public ValueTask<string?> GetTokenAsync(int virtualUser, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(_token);

    /// <inheritdoc />
    public override string ToString() => $"static token from {_source} (redacted)";
}
