namespace PerfSuite.Hosting.Settings;

/// <summary>Whether a suite's server-profiling fixture records the server (<c>PERF_SERVER_PROFILE</c>).</summary>
public enum ServerProfileMode
{
    /// <summary><c>auto</c> (the default): py-spy when it can attach, else the in-process sampler when the server loaded it; otherwise one line says why not.</summary>
    Auto,

    /// <summary><c>off</c>: no profiler code runs.</summary>
    Off,

    /// <summary><c>py-spy</c>: py-spy; when it cannot record, every report says why.</summary>
    PySpy,

    /// <summary><c>sampler</c>: PerfSuite's in-process sampler (<c>perfsuite_sampler.py</c>, loaded by the server; no ptrace needed); when it cannot record, every report says why.</summary>
    Sampler,
}
