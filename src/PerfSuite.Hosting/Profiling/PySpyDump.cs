using System.Diagnostics;
using System.Globalization;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// <c>py-spy dump --pid &lt;pid&gt; [--subprocesses]</c>: where every thread of the server (and of its workers) is right
/// now, for a test case that missed its budget or left requests hanging. Bounded by <see cref="PySpyProfilerConfig.DumpTimeout"/>.
/// </summary>
public static class PySpyDump
{
    /// <summary>Runs the dump and returns what py-spy printed.</summary>
    /// <param name="config">The executable, <see cref="PySpyProfilerConfig.Subprocesses"/> and the timeout.</param>
    /// <param name="pid">The process to dump, e.g. the gunicorn master.</param>
    /// <param name="cancellationToken">Cancels the dump; py-spy is killed then.</param>
    /// <returns>The dump (py-spy's standard output).</returns>
    /// <exception cref="ProfilerException">py-spy could not start, failed (its exit code and output in the message) or did not finish in time (it was killed).</exception>
    public static async Task<string> RunAsync(PySpyProfilerConfig config, int pid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        var start = new ProcessStartInfo(config.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in config.DumpArguments(pid))
        {
            start.ArgumentList.Add(argument);
        }

        var process = PySpyProcess.Start(start, config.Executable);

        using (process)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(config.DumpTimeout);
            var output = process.StandardOutput.ReadToEndAsync(bound.Token);
            var errors = process.StandardError.ReadToEndAsync(bound.Token);
            try
            {
                await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
                var text = await output.ConfigureAwait(false);
                var error = await errors.ConfigureAwait(false);
                return process.ExitCode == 0
                    ? text
                    : throw new ProfilerException(string.Create(CultureInfo.InvariantCulture, $"py-spy dump of pid {pid} exited with code {process.ExitCode}: {(error + text).Trim()}"));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new ProfilerException(string.Create(CultureInfo.InvariantCulture, $"py-spy dump of pid {pid} did not finish within {config.DumpTimeout.TotalSeconds:0.#} s, so it was killed."));
            }
        }
    }
}
