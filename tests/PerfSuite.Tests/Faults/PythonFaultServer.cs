using System.Diagnostics;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Tests.Faults;

/// <summary>
/// <c>fault_server.py</c> on Debian's <c>/usr/bin/python3</c> as a real child process leading its own process group, so a test
/// can stall it (SIGSTOP/SIGCONT) or kill it (SIGKILL) as a whole. Counts the responses it completed; killed on dispose.
/// </summary>
internal sealed class PythonFaultServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _served;

    private PythonFaultServer(Process process) => _process = process;

    public int ProcessGroupId => _process.Id;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Responses the server completed (written to its socket), whether or not the client still waited.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Starts <paramref name="script"/> (a path under the test output, default the fault server) with <paramref name="args"/>.</summary>
    public static async Task<PythonFaultServer> StartAsync(CancellationToken cancellationToken, string script = "Faults/fault_server.py", params string[] args)
    {
        var start = ProcessGroup.LeaderStartInfo("/usr/bin/python3", ["-u", Path.Combine(AppContext.BaseDirectory, script), .. args]);
        var server = new PythonFaultServer(Process.Start(start)!);
        ProcessGroup.Track(server._process);
        server._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is "served")
            {
                Interlocked.Increment(ref server._served);
            }
            else if (e.Data?.StartsWith("port ", StringComparison.Ordinal) == true)
            {
                server._port.TrySetResult(int.Parse(e.Data[5..], System.Globalization.CultureInfo.InvariantCulture));
            }
        };
        var errors = new System.Text.StringBuilder();
        server._process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        server._process.EnableRaisingEvents = true;
        server._process.Exited += (_, _) => server._port.TrySetException(new InvalidOperationException($"{script} exited before listening: {errors}"));
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            server.BaseUri = new Uri($"http://127.0.0.1:{await server._port.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken)}");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGSTOP to the whole group: the process stays, its sockets stay open, nothing is answered.</summary>
    public void Stall() => ProcessGroup.SignalGroup(ProcessGroupId, 19).Should().BeTrue();

    /// <summary>SIGCONT to the whole group.</summary>
    public void Resume() => ProcessGroup.SignalGroup(ProcessGroupId, 18).Should().BeTrue();

    /// <summary>SIGKILL to the whole group: the kernel closes its sockets, the port refuses connections.</summary>
    public void Kill() => ProcessGroup.SignalGroup(ProcessGroupId, ProcessGroup.SigKill).Should().BeTrue();

    public async ValueTask DisposeAsync()
    {
        ProcessGroup.SignalGroup(ProcessGroupId, 18);
        await ProcessGroup.KillAsync(_process);
    }
}
