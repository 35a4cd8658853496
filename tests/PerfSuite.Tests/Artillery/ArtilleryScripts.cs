using PerfSuite.Artillery;

namespace PerfSuite.Tests.Artillery;

/// <summary>The CSR scripts of the test tree and the environments they are read with.</summary>
internal static class ArtilleryScripts
{
    public static string Directory { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Artillery", "loadtests");

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    /// <summary>The users' plan (envs.sh), or the test suite's short one (ci-envs.sh).</summary>
    public static IReadOnlyDictionary<string, string> Environment(string envFile = "envs.sh") => ArtilleryEnvFile.Read(Path(envFile));

    public static ArtilleryScript Load(string name, string envFile = "envs.sh", IReadOnlyDictionary<string, string>? overrides = null)
    {
        var environment = new Dictionary<string, string>(Environment(envFile));
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return ArtilleryScriptLoader.Load(Path(name), new ArtilleryLoadOptions
        {
            Environment = n => environment.TryGetValue(n, out var v) ? v : null,
            Log = _ => { },
        });
    }
}
