using System.Diagnostics;

namespace PerfSuite.Tests.Packaging;

/// <summary>
/// The small loopback server the template's generated tests run against (template_target.py: GET / and a Socket.IO
/// <c>ping</c> with an acknowledgement): not the reference API, so the template is shown to work for someone else's server.
/// </summary>
internal sealed class TemplateTarget : IAsyncDisposable
{
    private readonly Process _process;

    private TemplateTarget(Process process, int port)
    {
        _process = process;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUri { get; }

    /// <summary>Starts the server on a free loopback port.</summary>
    /// <param name="cancellationToken">Cancels the start (bounded at 20 s anyway).</param>
    /// <param name="delayMilliseconds">Added to every <c>GET /</c>: 0 for the unchanged server, 3 for the regressed one.</param>
    /// <returns>The started server.</returns>
    public static async Task<TemplateTarget> StartAsync(CancellationToken cancellationToken, int delayMilliseconds = 0)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Packaging", "template_target.py");
        var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, string.Empty, delayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("python3 did not start");
        try
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(TimeSpan.FromSeconds(20));
            var line = await process.StandardOutput.ReadLineAsync(bound.Token)
                ?? throw new InvalidOperationException($"template_target.py exited: {await process.StandardError.ReadToEndAsync(bound.Token)}");
            return new TemplateTarget(process, int.Parse(line["listening on ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }
}
