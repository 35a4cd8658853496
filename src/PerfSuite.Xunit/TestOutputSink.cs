using Xunit;

namespace PerfSuite.Xunit;

/// <summary>
/// Writes to the running test's output (the text summary, report paths) and, for lines that must be seen while a long
/// test runs, to the runner's diagnostic messages (shown live by <c>dotnet test</c> when <c>diagnosticMessages</c> is on). Captured once at the
/// start of a test, because progress arrives on the engine's timer thread where <see cref="TestContext.Current"/> is not the test's.
/// </summary>
internal sealed class TestOutputSink(ITestContext context)
{
    private readonly ITestOutputHelper? output = context.TestOutputHelper;

    /// <summary>
    /// A live line (progress, start, verdict) as a diagnostic message: shown once, as it happens, by <c>dotnet test</c>.
    /// Not repeated in the test output, where the live output would print it a second time.
    /// </summary>
    public void Live(string line) => context.SendDiagnosticMessage(line);

    /// <summary>Test output only (e.g. the multi-line text summary).</summary>
    public void Output(string text)
    {
        try
        {
            output?.WriteLine(text);
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a late progress tick): the line has nowhere to go.
        }
    }

    /// <summary>Attaches a text report to the test result; ignored outside a test.</summary>
    public void Attach(string name, string text)
    {
        if (context.Test is not null)
        {
            context.AddAttachment(name, text);
        }
    }

    /// <summary>Attaches a binary report with its media type; ignored outside a test.</summary>
    public void Attach(string name, byte[] content, string mediaType)
    {
        if (context.Test is not null)
        {
            context.AddAttachment(name, content, mediaType);
        }
    }
}
