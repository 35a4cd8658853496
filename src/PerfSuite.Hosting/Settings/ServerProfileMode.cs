namespace PerfSuite.Hosting.Settings;

/// <summary>Whether a suite's server-profiling fixture records the server (<c>PERF_SERVER_PROFILE</c>).</summary>
public enum ServerProfileMode
{
    /// <summary><c>auto</c> (the default): py-spy when an executable is found (<c>PERF_PYSPY</c> or <c>PATH</c>); otherwise one line says why not.</summary>
    Auto,

    /// <summary><c>off</c>: no profiler code runs.</summary>
    Off,

    /// <summary><c>py-spy</c>: py-spy; when it cannot record, every report says why.</summary>
    PySpy,
}
