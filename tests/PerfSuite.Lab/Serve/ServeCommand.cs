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
    /// <summary>The usage printed by <c>--help</c> and with every argument error.</summary>
    public const string Usage = "usage: serve [--workers N]   N: gunicorn workers, 1..64 (default 1)";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (CommandLine.WantsHelp(args))
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 0;
        }

        if (ParseWorkers(args) is not { } workers)
        {
            await error.WriteLineAsync($"serve: --workers must be a whole number 1..64 and the only argument (was '{string.Join(' ', args)}')").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return CommandLine.InvalidArguments;
        }

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

    private static int? ParseWorkers(IReadOnlyList<string> args) => args.Count switch
    {
        0 => 1,
        2 when args[0] == "--workers" && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 64 => n,
        _ => null,
    };
}
