namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// PerfSuite's in-process sampler, <c>perfsuite_sampler.py</c>: one pure-Python module (no dependencies, Python 3.8+)
/// that the server loads itself (a gunicorn <c>post_fork</c> hook, or <c>PYTHONPATH</c>/<c>sitecustomize</c>), for the
/// platforms where py-spy cannot attach (no <c>SYS_PTRACE</c>). It writes py-spy's raw collapsed stacks, so the
/// flamegraph, the run's merge and the hot spots are py-spy's code path. See docs/profiling.md.
/// </summary>
public static class InProcessSampler
{
    /// <summary>The module's file name.</summary>
    public const string ModuleFileName = "perfsuite_sampler.py";

    /// <summary>The server's variable naming the control folder (inside the server's file system).</summary>
    public const string DirectoryVariable = "PERFSUITE_SAMPLER_DIR";

    /// <summary>The server's variable naming the folder that holds <see cref="ModuleFileName"/> (the reference API's <c>post_fork</c> puts it on <c>sys.path</c>).</summary>
    public const string ModulePathVariable = "PERFSUITE_SAMPLER_PATH";

    /// <summary>The server's variable setting the samples per second (1..1000, default 100).</summary>
    public const string RateVariable = "PERFSUITE_SAMPLER_RATE";

    /// <summary>The server's variable that turns on the HTTP control, <c>host:port</c>; unset (the default): no endpoint.</summary>
    public const string ListenVariable = "PERFSUITE_SAMPLER_LISTEN";

    /// <summary>The server's variable holding the bearer token the HTTP control requires (at least 16 characters).</summary>
    public const string TokenVariable = "PERFSUITE_SAMPLER_TOKEN";

    /// <summary>The module's source text.</summary>
    public static string Source { get; } = ReadSource();

    /// <summary>Writes <see cref="ModuleFileName"/> into <paramref name="directory"/> (created when missing) and returns its path.</summary>
    /// <param name="directory">The folder, e.g. the control folder shared with the server.</param>
    /// <returns>The module's full path.</returns>
    public static string WriteModule(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, ModuleFileName));
        File.WriteAllText(path, Source);
        return path;
    }

    private static string ReadSource()
    {
        using var stream = typeof(InProcessSampler).Assembly.GetManifestResourceStream("PerfSuite.Hosting.Profiling." + ModuleFileName)
            ?? throw new InvalidOperationException($"{ModuleFileName} is not embedded in {typeof(InProcessSampler).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
