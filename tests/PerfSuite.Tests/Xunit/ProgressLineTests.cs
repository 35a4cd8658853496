using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Settings;
using PerfSuite.Xunit;

namespace PerfSuite.Tests.Xunit;

public sealed class ProgressLineTests
{
    [Fact]
    public void A_progress_line_names_the_run_and_shows_elapsed_launched_completed_rate_p95_errors_and_active_users()
    {
        var progress = new LoadProgress(TimeSpan.FromSeconds(20.4), Launched: 41, Completed: 37, RequestsPerSecond: 18.44, P95Ms: 12.66, Errors: 2, ActiveUsers: 4);

        var line = ProgressLine.Format("CSR – All", "smoke", progress);

        line.Should().Be("[CSR – All / smoke] 20 s: launched 41, completed 37, 18.4 req/s, p95 12.7 ms, errors 2, active users 4");
    }
}
