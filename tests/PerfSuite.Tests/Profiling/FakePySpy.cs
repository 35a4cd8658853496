namespace PerfSuite.Tests.Profiling;

/// <summary>
/// The committed stand-in <c>fake-py-spy</c> (a /usr/bin/python3 script that honours py-spy's <c>record</c> command line),
/// behind a per-test wrapper in a temporary folder that sets its behaviour switches and logs its arguments.
/// The wrapper <c>exec</c>s the script, so the process py-spy's caller signals is the script itself.
/// </summary>
internal sealed class FakePySpy : IDisposable
{
    private FakePySpy(string directory, string executable)
    {
        Directory = directory;
        Executable = executable;
    }

    /// <summary>The committed script, copied next to the test assembly.</summary>
    public static string Script => Path.Combine(AppContext.BaseDirectory, "Profiling", "fake-py-spy");

    /// <summary>A temporary folder for the wrapper, the argument log and profiles; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The executable to give <c>PySpyProfilerConfig.Executable</c>.</summary>
    public string Executable { get; }

    /// <summary>Where the fake writes its arguments, one per line.</summary>
    public string ArgumentsLog => Path.Combine(Directory, "argv.txt");

    /// <summary>Creates a fake that profiles until SIGINT and then writes its profile.</summary>
    /// <param name="ignoresSigint">Ignore SIGINT, as a hung py-spy would.</param>
    /// <param name="writeSeconds">How long writing the profile takes after SIGINT; a second SIGINT meanwhile cancels it.</param>
    public static FakePySpy Create(bool ignoresSigint = false, double writeSeconds = 0.05)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("perfsuite-fake-py-spy-").FullName;
        var executable = Path.Combine(directory, "py-spy");
        var fake = new FakePySpy(directory, executable);
        File.WriteAllText(executable, $"""
            #!/bin/sh
            export FAKE_PYSPY_ARGV_LOG='{fake.ArgumentsLog}'
            export FAKE_PYSPY_IGNORE_SIGINT={(ignoresSigint ? 1 : 0)}
            export FAKE_PYSPY_WRITE_SECONDS={writeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}
            exec /usr/bin/python3 '{Script}' "$@"

            """);
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return fake;
    }

    /// <summary>The arguments of the last run (after the executable), or empty when it never ran.</summary>
    public IReadOnlyList<string> LoggedArguments() =>
        File.Exists(ArgumentsLog) ? File.ReadAllLines(ArgumentsLog) : [];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
