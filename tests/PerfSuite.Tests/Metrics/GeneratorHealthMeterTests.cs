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

    [Fact]
    public void The_window_separates_the_generators_cpu_from_its_start_up_and_from_the_rest_of_the_machine()
    {
        // The process had used 3 s before the run and 5.5 s at its end; all cores were busy 100 s since boot at the start
        // and 108 s at the end; 10 s of wall time on 2 cores; 50,000 requests.
        var cpu = new ScriptedCpu([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5.5)], [TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(108)]);
        var clock = new SteppingClock();
        var meter = new GeneratorHealthMeter(cpu, clock, processorCount: 2);
        clock.Advance(TimeSpan.FromSeconds(10));

        var health = meter.Finish(LatencyHistograms.Create(), windowRequests: 50_000);

        health.CpuSeconds.Should().BeApproximately(2.5, 1e-9);
        health.CpuUtilization.Should().BeApproximately(0.125, 1e-9, "2.5 s over 10 s × 2 cores");
        health.WindowSeconds.Should().BeApproximately(10, 1e-9);
        health.WindowRequests.Should().Be(50_000);
        health.CpuMicrosecondsPerRequest.Should().BeApproximately(50, 1e-9, "2.5 s / 50,000 requests");
        health.CpuShareOfOneCore.Should().BeApproximately(0.25, 1e-9);
        health.StartupCpuSeconds.Should().BeApproximately(3, 1e-9, "what the process had used when the run began");
        health.HostOtherCpuSeconds.Should().BeApproximately(5.5, 1e-9, "8 s of busy cores minus the generator's 2.5 s");
        health.HostOtherCores.Should().BeApproximately(0.55, 1e-9);
        health.GeneratorBound.Should().BeFalse();
    }

    [Fact]
    public void Without_proc_stat_the_rest_of_the_machine_is_unknown_and_without_requests_so_is_the_cost_per_request()
    {
        var cpu = new ScriptedCpu([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], [null, null]);
        var clock = new SteppingClock();
        var meter = new GeneratorHealthMeter(cpu, clock, processorCount: 4);
        clock.Advance(TimeSpan.FromSeconds(4));

        var health = meter.Finish(LatencyHistograms.Create(), windowRequests: 0);

        health.CpuSeconds.Should().BeApproximately(1, 1e-9);
        health.HostOtherCpuSeconds.Should().BeNull();
        health.HostOtherCores.Should().BeNull();
        health.CpuMicrosecondsPerRequest.Should().BeNull();
        health.StartupCpuSeconds.Should().BeApproximately(1, 1e-9);
    }

    [Fact]
    public void A_machine_delta_a_tick_below_the_generators_own_cpu_is_zero_not_negative()
    {
        // /proc/stat counts 10 ms ticks: the machine's busy delta can round below the process's finer figure.
        var cpu = new ScriptedCpu([TimeSpan.Zero, TimeSpan.FromSeconds(1.004)], [TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(51)]);
        var clock = new SteppingClock();
        var meter = new GeneratorHealthMeter(cpu, clock, processorCount: 1);
        clock.Advance(TimeSpan.FromSeconds(2));

        meter.Finish(LatencyHistograms.Create(), windowRequests: 10).HostOtherCpuSeconds.Should().Be(0);
    }

    [Theory]
    [InlineData("cpu  1000 50 300 90000 400 20 30 70 0 0", 14.0)]
    [InlineData("cpu 1 2 3 4 5 6 7", 0.19)]
    [InlineData("cpu0 1000 50 300 90000 400 20 30 70 0 0", null)]
    [InlineData("cpu  1 2 3", null)]
    [InlineData("cpu  1 x 3 4 5 6 7 8", null)]
    [InlineData(null, null)]
    public void Proc_stat_busy_time_is_user_nice_system_irq_softirq_in_ticks_of_10_ms(string? line, double? seconds)
    {
        var busy = ProcStat.Busy(line);

        if (seconds is { } expected)
        {
            busy!.Value.TotalSeconds.Should().BeApproximately(expected, 1e-9);
        }
        else
        {
            busy.Should().BeNull();
        }
    }

    [Fact]
    public void On_linux_the_real_readings_give_a_machine_busy_time_at_least_the_processes_own()
    {
        var readings = SystemCpuReadings.Instance;

        readings.ProcessCpu().Should().BeGreaterThan(TimeSpan.Zero);
        if (OperatingSystem.IsLinux())
        {
            readings.MachineBusyCpu().Should().NotBeNull().And.BeGreaterThanOrEqualTo(readings.ProcessCpu() - TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>CPU readings handed out in order: the meter reads each source once at start and once at the end.</summary>
    private sealed class ScriptedCpu(TimeSpan[] process, TimeSpan?[] machine) : ICpuReadings
    {
        private int _process;
        private int _machine;

        public TimeSpan ProcessCpu() => process[_process++];

        public TimeSpan? MachineBusyCpu() => machine[_machine++];
    }

    /// <summary>A wall clock that moves only when told to.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
