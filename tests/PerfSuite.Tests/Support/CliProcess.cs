using System.Diagnostics;

namespace PerfSuite.Tests.Support;

/// <summary>
/// The real <c>perfsuite</c> tool (copied next to the tests) as a child process: standard output read line by line,
/// killed with its whole tree on dispose whatever happened.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _errors = new();

    private CliProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string StandardError
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts this repository's lab tool (<c>perfsuite-lab</c>: serve, socketio-connect, socketio-hold, compare).</summary>
    public static CliProcess StartLab(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(args, environment, "perfsuite-lab.dll");

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string program = "perfsuite.dll")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var cli = new CliProcess(Process.Start(start)!);
        cli._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                cli._lines.Writer.TryComplete();
            }
            else
            {
                cli._lines.Writer.TryWrite(e.Data);
            }
        };
        cli._process.ErrorDataReceived += (_, e) =>
        {
            lock (cli._errors)
            {
                cli._errors.AppendLine(e.Data);
            }
        };
        cli._process.BeginOutputReadLine();
        cli._process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>The next line of standard output that satisfies <paramref name="match"/>, waiting at most <paramref name="timeout"/>.</summary>
    public async Task<string> ReadLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(bounded.Token))
            {
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Fall through to the failure below, with what the tool wrote on standard error.
        }

        throw new TimeoutException($"perfsuite wrote no matching line within {timeout.TotalSeconds:0} s; stderr:{Environment.NewLine}{StandardError}");
    }

    /// <summary>Waits for the tool to exit, at most <paramref name="timeout"/>; returns its exit code, or null when it still runs.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var bounded = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(bounded.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGINT, as Ctrl+C in a terminal (or <c>kill -INT</c>) would send: the tool's cancellation handler runs.</summary>
    public void Interrupt() => PerfSuite.Hosting.Targets.ProcessGroup.Signal(_process.Id, 2).Should().BeTrue("the tool still runs when it is interrupted");

    /// <summary>SIGKILL, as the OOM killer or a CI runner's timeout would: no handler of the tool runs.</summary>
    public void KillHard() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
