using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using PerfSuite.Hosting.Targets;
using PerfSuite.Tests.Support;

namespace PerfSuite.Tests.Targets;

public sealed class QueueApiOrphanTests
{
    [Fact]
    public async Task Sigkill_of_the_process_that_started_the_api_stops_master_and_workers_frees_the_port_and_removes_the_temporary_folder()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = CliProcess.StartLab(["serve", "--workers", "2"]);
        var line = await host.ReadLineAsync(l => l.StartsWith("queue-api ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
        var parts = line.Split(' ');
        var baseUri = new Uri(parts[1]);
        var master = int.Parse(parts[3], CultureInfo.InvariantCulture);
        try
        {
            var database = ServerEnvironment(master, "QUEUE_API_DB");
            ProcessGroup.Members(master).Should().HaveCountGreaterThanOrEqualTo(3, "the master and two workers run");

            host.KillHard();

            var gone = await WaitUntilAsync(() => ProcessGroup.Members(master).Count == 0, TimeSpan.FromSeconds(20));
            gone.Should().BeTrue($"gunicorn must die with the process that started it; still running: {string.Join(", ", ProcessGroup.Members(master))}");
            (await PortAcceptsAsync(baseUri.Port)).Should().BeFalse("the port is freed");
            Directory.Exists(Path.GetDirectoryName(database)).Should().BeFalse("the temporary database folder is removed");
        }
        finally
        {
            ProcessGroup.SignalGroup(master, ProcessGroup.SigKill);
        }
    }

    private static string ServerEnvironment(int pid, string name) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0').Single(v => v.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan bound)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > bound)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static async Task<bool> PortAcceptsAsync(int port)
    {
        try
        {
            using var socket = new TcpClient();
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.ConnectAsync("127.0.0.1", port, bounded.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
