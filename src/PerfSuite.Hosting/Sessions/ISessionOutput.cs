namespace PerfSuite.Hosting.Sessions;

/// <summary>
/// Where a <see cref="LoadTestSession"/> sends what a person watches and keeps: live lines (progress, start, verdict),
/// the multi-line text summary, and the report files of a case. Each front end has its own: the xUnit adapter sends them
/// to the running test (diagnostic messages, test output, attachments), the CLI to standard error.
/// </summary>
public interface ISessionOutput
{
    /// <summary>A line to show as it happens (progress, start, verdict); never a secret.</summary>
    /// <param name="line">The line.</param>
    void Live(string line);

    /// <summary>A block of text for the record (e.g. the text summary).</summary>
    /// <param name="text">The text.</param>
    void Output(string text);

    /// <summary>A file the case wrote (a report, a flamegraph, a dump), for a front end that attaches files to a result.</summary>
    /// <param name="path">The file's full path.</param>
    void Attach(string path);
}
