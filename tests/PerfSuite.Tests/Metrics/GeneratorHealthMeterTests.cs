using PerfSuite.Engine.Metrics;

namespace PerfSuite.Tests.Metrics;

public sealed class GeneratorHealthMeterTests
{
    [Theory]
    [InlineData(10, 0.5, false, 0)]
    [InlineData(51, 0.5, true, 1)]
    [InlineData(10, 0.95, true, 1)]
    [InlineData(80, 0.99, true, 2)]
    public void A_run_is_generator_bound_when_lag_p99_exceeds_50_ms_or_cpu_90_percent(double lagP99Ms, double cpu, bool bound, int reasons)
    {
        var lag = LatencyStats.Empty with { Count = 1, P99Ms = lagP99Ms };

        var health = GeneratorHealthMeter.Judge(lag, cpuSeconds: 1, utilization: cpu, wallSeconds: 10);

        health.GeneratorBound.Should().Be(bound);
        health.Reasons.Should().HaveCount(reasons);
    }
}
