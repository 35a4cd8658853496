using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfSuite.Cli;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;

namespace PerfSuite.Lab.Serve;

/// <summary>
/// <c>serve [--workers N]</c>: starts the embedded reference API on a free loopback port, prints
/// <c>queue-api URL pid PID</c> on standard output, and serves until Ctrl+C or SIGTERM, then stops the whole process group.
/// Useful to point <c>load</c> or a browser at the reference API (a soak, a manual check).
/// </summary>
internal static class ServeCommand
{
    public static readonly Option<int?> Workers = CliOptions.WholeNumber("--workers", "N", "gunicorn workers (default 1)", 1, 64, "-w");

    /// <summary>The command and its options.</summary>
    public static Command Create() =>
        new Command("serve", "run the embedded reference API on a loopback port until Ctrl+C") { Workers }
            .WithHandler((parsed, output, _, _) => RunAsync(parsed.GetValue(Workers) ?? 1, output), ExitCodes.Table);

    private static async Task<int> RunAsync(int workers, TextWriter output)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await using var api = new QueueApiBuilder().WithWorkers(workers).Build();
        using (var startup = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
        {
            startup.CancelAfter(TimeSpan.FromSeconds(60));
            await api.StartAsync(startup.Token).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"queue-api {api.BaseUri} pid {api.ProcessId}")).ConfigureAwait(false);
        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the await using above stops the server.
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
