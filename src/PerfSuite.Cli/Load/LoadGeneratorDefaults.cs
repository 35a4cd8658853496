using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Load;

/// <summary>
/// Runtime settings the <c>load</c> command sets for itself unless the environment already sets them, so
/// <c>NAME=0 dotnet PerfSuite.Benchmarks.dll load ...</c> measures without one. Each is kept only because it was
/// measured to help (docs/benchmarks-archive.md, "Load generator throughput vs wrk").
/// </summary>
internal static class LoadGeneratorDefaults
{
    /// <summary>
    /// Runs socket continuations on the epoll thread instead of queueing them to the thread pool: for a load
    /// generator whose per-request work is tiny, the hand-off costs more than the work.
    /// </summary>
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Each setting and the value the command gives it when the environment does not.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [InlineCompletions] = "1",
    };

    /// <summary>Sets every default not already in the environment; call before the first socket is created.</summary>
    public static void Apply()
    {
        foreach (var (name, value) in Defaults)
        {
            if (Environment.GetEnvironmentVariable(name) is null)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
