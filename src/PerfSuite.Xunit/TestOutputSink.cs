using PerfSuite.Hosting.Sessions;
using Xunit;

namespace PerfSuite.Xunit;

/// <summary>
/// The session's output inside a test: live lines (progress, start, verdict) as the runner's diagnostic messages (shown
/// as they happen by <c>dotnet test</c> when <c>diagnosticMessages</c> is on), the text summary in the test output, and
/// every report file as an attachment of the test result. Captured once at the start of a test, because progress arrives
/// on the engine's timer thread where <see cref="TestContext.Current"/> is not the test's.
/// </summary>
internal sealed class TestOutputSink(ITestContext context) : ISessionOutput
{
    private readonly ITestOutputHelper? _output = context.TestOutputHelper;

    /// <inheritdoc />
    public void Live(string line) => context.SendDiagnosticMessage(line);

    /// <inheritdoc />
    public void Output(string text)
    {
        try
        {
            _output?.WriteLine(text);
        }
        catch (InvalidOperationException)
        {
            // The test already finished (a late progress tick): the line has nowhere to go.
        }
    }

    /// <summary>Attaches the file to the test result, named after its case folder too (csr-all-smoke-report.md): names must be unique within a test.</summary>
    /// <param name="path">The file.</param>
    public void Attach(string path)
    {
        if (context.Test is null)
        {
            return;
        }

        var name = $"{Path.GetFileName(Path.GetDirectoryName(path))}-{Path.GetFileName(path)}";
        switch (Path.GetExtension(path))
        {
            case ".json":
                context.AddAttachment(name, File.ReadAllBytes(path), "application/json");
                break;
            case ".svg":
                context.AddAttachment(name, File.ReadAllBytes(path), "image/svg+xml");
                break;
            case ".html":
                context.AddAttachment(name, File.ReadAllBytes(path), "text/html");
                break;
            default:
                context.AddAttachment(name, File.ReadAllText(path));
                break;
        }
    }
}
