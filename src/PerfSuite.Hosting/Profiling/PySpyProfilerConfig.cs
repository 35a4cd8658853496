using System.Globalization;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// How to run <c>py-spy record</c> against a target (pure data; <see cref="Validate"/> reports every problem, and
/// <see cref="PySpySession"/> runs it). The defaults match what the users ran by hand against gunicorn:
/// <c>py-spy record -o profile-&lt;pid&gt;.svg --pid &lt;master pid&gt; --subprocesses</c>.
/// </summary>
public sealed record PySpyProfilerConfig
{
    /// <summary>The variable naming the py-spy executable (a path, or a name looked up on <c>PATH</c>).</summary>
    public const string ExecutableVariable = "PERF_PYSPY";

    /// <summary>The variable naming the process to profile when the suite did not start the server itself (a local <c>PERF_TARGET</c>).</summary>
    public const string ProcessIdVariable = "PERF_PROFILE_PID";

    /// <summary>The py-spy executable: a path, or a bare name looked up on <c>PATH</c>; default <c>py-spy</c>.</summary>
    public string Executable { get; init; } = "py-spy";

    /// <summary>Where the profile is written; <c>null</c> for <see cref="DefaultFileName"/> in the current folder. Its folder is created at start.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The output format; default <see cref="PySpyOutputFormat.Flamegraph"/>.</summary>
    public PySpyOutputFormat Format { get; init; } = PySpyOutputFormat.Flamegraph;

    /// <summary>Samples per second (<c>--rate</c>), 1..10000; default 100, py-spy's own default.</summary>
    public int SamplingRate { get; init; } = 100;

    /// <summary>Also profile child processes (<c>--subprocesses</c>); default true, because gunicorn workers are children of the master.</summary>
    public bool Subprocesses { get; init; } = true;

    /// <summary>Sample without pausing the target (<c>--nonblocking</c>); default true: lower overhead on the server under load, at the cost of occasionally torn stacks.</summary>
    public bool Nonblocking { get; init; } = true;

    /// <summary>Also record idle threads (<c>--idle</c>); default false, so waiting on sockets does not drown the busy frames.</summary>
    public bool Idle { get; init; }

    /// <summary>How long py-spy may take to write the profile and exit after SIGINT before it is killed; default 30 s, &gt; 0.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long py-spy must stay alive after launch to count as attached (it exits within this when it cannot attach); default 1 s, &gt; 0.</summary>
    public TimeSpan StartupCheck { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The process to profile when the server is local but was not started by the suite (<c>PERF_PROFILE_PID</c>, &gt;= 1);
    /// <c>null</c> to find it (see <see cref="ProfiledProcess.Select"/>). The embedded reference API's master wins over it.
    /// </summary>
    public int? ProcessId { get; init; }

    /// <summary>How long <c>py-spy dump</c> may take before it is killed; default 10 s, &gt; 0.</summary>
    public TimeSpan DumpTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The file extension of <see cref="Format"/>: <c>.svg</c>, <c>.json</c> or <c>.txt</c>.</summary>
    public string FileExtension => Format switch
    {
        PySpyOutputFormat.Speedscope => ".json",
        PySpyOutputFormat.Raw => ".txt",
        _ => ".svg",
    };

    /// <summary>The value of <c>--format</c>: <c>flamegraph</c>, <c>speedscope</c> or <c>raw</c>.</summary>
    public string FormatName => Format switch
    {
        PySpyOutputFormat.Speedscope => "speedscope",
        PySpyOutputFormat.Raw => "raw",
        _ => "flamegraph",
    };

    /// <summary>
    /// py-spy's settings of a load-test run: <c>PERF_PYSPY</c> names the executable (default <c>py-spy</c> on <c>PATH</c>),
    /// <c>PERF_PROFILE_PID</c> the process to record (default: the target's own).
    /// </summary>
    /// <param name="read">A variable name → its value, <c>null</c> when unset.</param>
    /// <returns>The configuration with the defaults.</returns>
    /// <exception cref="ArgumentException"><c>PERF_PROFILE_PID</c> is not a whole number &gt;= 1.</exception>
    public static PySpyProfilerConfig FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var executable = read(ExecutableVariable)?.Trim();
        int? pid = null;
        if (read(ProcessIdVariable)?.Trim() is { Length: > 0 } pidText)
        {
            pid = int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1
                ? parsed
                : throw new ArgumentException($"{ProcessIdVariable}='{pidText}' must be a process id (a whole number >= 1).", nameof(read));
        }

        return string.IsNullOrEmpty(executable) ? new PySpyProfilerConfig { ProcessId = pid } : new PySpyProfilerConfig { Executable = executable, ProcessId = pid };
    }

    /// <summary>The users' file name for a profile of <paramref name="pid"/>, e.g. <c>profile-4242.svg</c>.</summary>
    /// <param name="pid">The profiled process.</param>
    /// <returns>The file name with <see cref="FileExtension"/>.</returns>
    public string DefaultFileName(int pid) => string.Create(CultureInfo.InvariantCulture, $"profile-{pid}{FileExtension}");

    /// <summary>Every problem with this configuration, each naming the setting and its value; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Executable))
        {
            problems.Add("executable must name py-spy (a path or a name on PATH)");
        }

        if (OutputPath is not null && (string.IsNullOrWhiteSpace(OutputPath) || Path.EndsInDirectorySeparator(OutputPath)))
        {
            problems.Add($"output path must name a file (was '{OutputPath}')");
        }

        if (!Enum.IsDefined(Format))
        {
            problems.Add($"format must be flamegraph, speedscope or raw (was {(int)Format})");
        }

        if (SamplingRate is < 1 or > 10_000)
        {
            problems.Add($"sampling rate must be 1..10000 samples per second (was {SamplingRate})");
        }

        if (StopTimeout <= TimeSpan.Zero)
        {
            problems.Add($"stop timeout must be positive (was {StopTimeout})");
        }

        if (StartupCheck <= TimeSpan.Zero)
        {
            problems.Add($"startup check must be positive (was {StartupCheck})");
        }

        if (DumpTimeout <= TimeSpan.Zero)
        {
            problems.Add($"dump timeout must be positive (was {DumpTimeout})");
        }

        if (ProcessId is < 1)
        {
            problems.Add($"process id must be >= 1 (was {ProcessId})");
        }

        return problems;
    }

    /// <summary>The command line of a dump of every thread's stack: <c>dump --pid &lt;pid&gt; [--subprocesses]</c>.</summary>
    /// <param name="pid">The process to dump.</param>
    /// <returns>The arguments, one per item.</returns>
    public IReadOnlyList<string> DumpArguments(int pid) =>
        Subprocesses ? ["dump", "--pid", pid.ToString(CultureInfo.InvariantCulture), "--subprocesses"] : ["dump", "--pid", pid.ToString(CultureInfo.InvariantCulture)];

    /// <summary>
    /// The command line after the executable:
    /// <c>record -o &lt;file&gt; --pid &lt;pid&gt; --format &lt;fmt&gt; --rate &lt;n&gt; [--subprocesses] [--nonblocking] [--idle]</c>.
    /// </summary>
    /// <param name="pid">The process to profile.</param>
    /// <param name="outputPath">The profile file.</param>
    /// <returns>The arguments, one per item (no shell quoting needed).</returns>
    public IReadOnlyList<string> Arguments(int pid, string outputPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        var arguments = new List<string>
        {
            "record",
            "-o", outputPath,
            "--pid", pid.ToString(CultureInfo.InvariantCulture),
            "--format", FormatName,
            "--rate", SamplingRate.ToString(CultureInfo.InvariantCulture),
        };
        if (Subprocesses)
        {
            arguments.Add("--subprocesses");
        }

        if (Nonblocking)
        {
            arguments.Add("--nonblocking");
        }

        if (Idle)
        {
            arguments.Add("--idle");
        }

        return arguments;
    }
}
