namespace PerfSuite.Tests.Profiles;

/// <summary>Real py-spy 0.3.14 output recorded against the reference API (Profiling/py-spy-samples, copied from the team's shared samples).</summary>
internal static class PySpySamples
{
    /// <summary>The folder, next to the test assembly.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Profiling", "py-spy-samples");

    /// <summary><c>py-spy record --subprocesses --nonblocking --format raw</c>: 43 stacks, 200 samples, master 4340 and worker 4356.</summary>
    public static string Raw => File.ReadAllText(Path.Combine(Directory, "raw.txt"));

    /// <summary>Reads another sample file, e.g. <c>missing-pid.txt</c>.</summary>
    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));
}
