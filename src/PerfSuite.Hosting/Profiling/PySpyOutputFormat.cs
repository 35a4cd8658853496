namespace PerfSuite.Hosting.Profiling;

/// <summary>What <c>py-spy record --format</c> writes.</summary>
public enum PySpyOutputFormat
{
    /// <summary>An interactive SVG flame graph (<c>flamegraph</c>, <c>.svg</c>); py-spy's default.</summary>
    Flamegraph,

    /// <summary>A speedscope profile (<c>speedscope</c>, <c>.json</c>), opened at https://www.speedscope.app.</summary>
    Speedscope,

    /// <summary>Collapsed stacks, one per line with its sample count (<c>raw</c>, <c>.txt</c>), for flamegraph.pl or diffs.</summary>
    Raw,
}
