using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

/// <summary>
/// A killed test host leaves something to read: a stderr line at the start of each case (VSTest prints the host's stderr
/// when it reports the crash) and <c>incomplete.txt</c> in the case's reports folder until the case ends.
/// </summary>
public sealed class CaseInProgressTests : IDisposable
{
    private readonly string _directory = Path.Combine(Directory.CreateTempSubdirectory("perfsuite-in-progress-").FullName, "csr-all-smoke");

    [Fact]
    public void A_case_names_itself_and_its_reports_folder_on_stderr_and_leaves_a_marker_until_it_ends()
    {
        using var error = new StringWriter();

        var marker = CaseInProgress.Start(_directory, "CsrTests.Smoke(scenario: \"csr-all\")", "CSR – All / smoke", error);
        var file = Path.Combine(_directory, CaseInProgress.FileName);
        var text = File.ReadAllText(file);
        marker.Dispose();

        error.ToString().Should().StartWith("perfsuite: CsrTests.Smoke(scenario: \"csr-all\"): CSR – All / smoke started ")
            .And.Contain($"in process {Environment.ProcessId}, reports in {_directory}");
        text.Should().StartWith("CSR – All / smoke (CsrTests.Smoke(scenario: \"csr-all\")) started ").And.Contain("did not finish");
        File.Exists(file).Should().BeFalse("a case that ended removes its marker");
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
}
