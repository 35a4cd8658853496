using System.Diagnostics;

namespace PerfSuite.Tests.Support;

/// <summary>
/// Runs a headless Chromium-family browser on a local file with a bounded wait; the whole process tree is killed on timeout.
/// Debian's /usr/bin/chromium here; CI images ship google-chrome; <c>PERF_CHROMIUM</c> names another binary.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>The browser binary, or the Debian default path when none is found (then <see cref="IsInstalled"/> is false).</summary>
    public static string Path { get; } = Find();

    public static bool IsInstalled => File.Exists(Path);

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("PERF_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }

        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return Candidates.SelectMany(name => directories.Select(dir => System.IO.Path.Combine(dir, name))).FirstOrDefault(File.Exists)
            ?? "/usr/bin/chromium";
    }

    /// <summary>Runs chromium with <paramref name="arguments"/> after the isolating flags; returns its standard output.</summary>
    public static async Task<string> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("perfsuite-chromium-");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
            $"--user-data-dir={profile.FullName}",
        })
        {
            start.ArgumentList.Add(flag);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var errors = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            var text = await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {await errors}");
            }

            return text;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            throw new TimeoutException($"chromium did not finish within {timeout.TotalSeconds} s; killed.");
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A crashed chromium can leave a lock file behind for a moment; the temp directory is harmless.
            }
        }
    }
}
