using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PerfSuite.Reporting.Profiles;
using PerfSuite.Tests.Profiles;

namespace PerfSuite.Tests.Profiling;

/// <summary>The stand-in prints and writes what the real py-spy 0.3.14 did against the reference API (py-spy-samples).</summary>
public sealed partial class FakePySpyFidelityTests : IDisposable
{
    private const int NoSuchPid = 99_999_999;
    private readonly string _directory = Directory.CreateTempSubdirectory("perfsuite-fake-fidelity-").FullName;
    private readonly SleepingPython _python = SleepingPython.Start();

    [Theory]
    [InlineData("record", "-o", "x.svg")]
    [InlineData("dump")]
    public async Task A_pid_that_does_not_exist_prints_py_spys_missing_pid_error_and_exits_1(string command, params string[] rest)
    {
        var (exitCode, stdout, stderr) = await RunAsync([command, "--pid", NoSuchPid.ToString(CultureInfo.InvariantCulture), .. rest]);

        exitCode.Should().Be(1);
        stdout.Should().BeEmpty();
        stderr.Should().Be(PySpySamples.Read("missing-pid.txt"));
    }

    [Fact]
    public async Task A_process_that_is_not_Python_is_refused_with_py_spys_message()
    {
        var (exitCode, _, stderr) = await RunAsync(["record", "-o", Path.Combine(_directory, "x.txt"), "--pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);

        exitCode.Should().Be(1);
        stderr.Should().Be("Error: Failed to find python version from target process\n");
    }

    [Fact]
    public async Task Record_prints_py_spys_own_messages_and_writes_raw_stacks_shaped_like_the_real_ones()
    {
        var output = Path.Combine(_directory, "raw.txt");

        var (exitCode, stdout, _) = await RunAsync(
            ["record", "--pid", _python.Pid.ToString(CultureInfo.InvariantCulture), "--subprocesses", "--nonblocking", "--format", "raw", "-o", output],
            interruptAfter: TimeSpan.FromMilliseconds(500));

        exitCode.Should().Be(0);
        var expected = PySpySamples.Read("record-stdout.txt").Replace("/tmp/pyspy-sample/raw.txt", output, StringComparison.Ordinal);
        SampleCounts().Replace(stdout, "Samples: N Errors: N").Should().Be(SampleCounts().Replace(expected, "Samples: N Errors: N"));
        var samples = long.Parse(WrittenSamples().Match(stdout).Groups["n"].Value, CultureInfo.InvariantCulture);
        var lines = File.ReadAllLines(output);
        lines.Sum(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).Should().Be(samples);
        var child = _python.Children().Single();
        var stacks = CollapsedStacks.Parse(File.ReadAllText(output)).Stacks;
        stacks.Should().OnlyContain(s => CollapsedStacks.IsProcessFrame(s.Frames[0])
            && s.Frames.Skip(1).SkipWhile(CollapsedStacks.IsProcessFrame).All(f => FunctionFrame().IsMatch(f)));
        lines.Should().Contain(l => l.StartsWith($"process {_python.Pid}:\"/usr/bin/python3 -c import subprocess, sys, time;", StringComparison.Ordinal)
            && l.Contains($";process {child}:\"/usr/bin/python3 -c import time; time.sleep(300)\";", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dump_prints_each_process_and_its_threads_in_py_spys_layout()
    {
        var child = _python.Children().Single();

        var (exitCode, stdout, _) = await RunAsync(["dump", "--pid", _python.Pid.ToString(CultureInfo.InvariantCulture), "--subprocesses"]);

        exitCode.Should().Be(0);
        static string Shape(string dump) => ProcessLine().Replace(VersionLine().Replace(ThreadLine().Replace(dump, "Thread N "), "Python vX"), "${kind} N: CMD");
        Shape(stdout).Should().Be(Shape(PySpySamples.Read("dump.txt")));
        stdout.Should().StartWith($"Process {_python.Pid}: /usr/bin/python3 -c import subprocess").And.Contain($"Process {child}: /usr/bin/python3 -c import time").And.Contain($"Parent Process {_python.Pid}: ");
    }

    public void Dispose()
    {
        _python.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyList<string> arguments, TimeSpan? interruptAfter = null)
    {
        var start = new ProcessStartInfo(FakePySpy.Script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stderr = process.StandardError.ReadToEndAsync(bound.Token);
        var first = string.Empty;
        try
        {
            if (interruptAfter is { } delay)
            {
                // Interrupt once it samples, as a user pressing Ctrl+C after reading py-spy's first line.
                first = await process.StandardOutput.ReadLineAsync(bound.Token) + "\n";
                await Task.Delay(delay, bound.Token);
                using var kill = Process.Start("/bin/kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(bound.Token);
            }

            var stdout = first + await process.StandardOutput.ReadToEndAsync(bound.Token);
            await process.WaitForExitAsync(bound.Token);
            return (process.ExitCode, stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    [GeneratedRegex(@"Samples: \d+ Errors: \d+")]
    private static partial Regex SampleCounts();

    [GeneratedRegex(@"Samples: (?<n>\d+) ")]
    private static partial Regex WrittenSamples();

    [GeneratedRegex(@"^\S+ \(.+:\d+\)$")]
    private static partial Regex FunctionFrame();

    [GeneratedRegex(@"^(?<kind>Process|Parent Process) \d+: .*$", RegexOptions.Multiline)]
    private static partial Regex ProcessLine();

    [GeneratedRegex(@"^Python v.*$", RegexOptions.Multiline)]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"^Thread \d+ ", RegexOptions.Multiline)]
    private static partial Regex ThreadLine();
}
