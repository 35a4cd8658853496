using System.Diagnostics;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.QueueApi;

/// <summary>
/// Checks, before a Python target starts, that the interpreter exists and has every module the target imports,
/// so a missing package is reported by name with its install command instead of as a crash in gunicorn's log.
/// </summary>
public static class PythonPrerequisites
{
    /// <summary>Module the reference API imports → the Debian package that provides it.</summary>
    public static readonly IReadOnlyDictionary<string, string> DebianPackages = new Dictionary<string, string>
    {
        ["flask"] = "python3-flask",
        ["flask_socketio"] = "python3-flask-socketio",
        ["gunicorn"] = "gunicorn",
        ["eventlet"] = "python3-eventlet",
        ["jwt"] = "python3-jwt",
    };

    private const string FindMissingScript =
        "import importlib.util, sys; print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))";

    /// <summary>Checks that <paramref name="python"/> exists and has every module in <see cref="DebianPackages"/>.</summary>
    /// <param name="python">The interpreter.</param>
    /// <param name="timeout">How long the check may take.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task completing when every module is there.</returns>
    /// <exception cref="TargetStartException">The interpreter or a module is missing (with the apt-get command), or the check failed.</exception>
    public static async Task EnsureAsync(string python, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(python))
        {
            throw new TargetStartException(
                $"Python interpreter '{python}' does not exist. Install it with: sudo apt-get install -y python3 "
                + string.Join(' ', DebianPackages.Values.Distinct()));
        }

        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(FindMissingScript);
        foreach (var module in DebianPackages.Keys)
        {
            start.ArgumentList.Add(module);
        }

        using var process = Process.Start(start) ?? throw new TargetStartException($"Could not start '{python}'.");
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(bounded.Token);
        var errors = process.StandardError.ReadToEndAsync(bounded.Token);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TargetStartException($"'{python}' did not answer the module check within {timeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new TargetStartException($"'{python}' failed the module check (exit {process.ExitCode}): {await errors.ConfigureAwait(false)}");
        }

        var missing = (await output.ConfigureAwait(false)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (missing.Length > 0)
        {
            var packages = string.Join(' ', missing.Select(m => DebianPackages[m]).Distinct());
            throw new TargetStartException(
                $"Python module(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} missing for {python}. "
                + $"Install with: sudo apt-get install -y {packages}  (or run ./build.sh prereqs in the PerfSuite repository)");
        }
    }
}
