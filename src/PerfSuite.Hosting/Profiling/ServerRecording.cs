using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// One test case's py-spy recording (or why there is none). <see cref="StopAsync"/> sends the one SIGINT, then turns the
/// raw stacks into the case's flamegraph and hot spots; disposing kills a py-spy that was not stopped.
/// </summary>
public sealed class ServerRecording : IAsyncDisposable
{
    private readonly ServerProfiler _profiling;
    private readonly string _caseDirectory;
    private readonly PySpySession? _session;
    private readonly string? _problem;
    private readonly ISamplerControl? _sampler;
    private readonly string? _recordingId;

    internal ServerRecording(ServerProfiler profiling, string caseDirectory, PySpySession? session, string? problem)
    {
        _profiling = profiling;
        _caseDirectory = caseDirectory;
        _session = session;
        _problem = problem;
    }

    internal ServerRecording(ServerProfiler profiling, string caseDirectory, ISamplerControl sampler, string recordingId)
    {
        _profiling = profiling;
        _caseDirectory = caseDirectory;
        _sampler = sampler;
        _recordingId = recordingId;
    }

    /// <summary>
    /// Stops py-spy (SIGINT once, bounded wait), writes <c>profile.svg</c> from <c>profile.txt</c> and returns the hot
    /// spots and the files to attach; never throws for a py-spy or profile failure (the hot spots then say why).
    /// </summary>
    /// <param name="title">The flamegraph's title.</param>
    /// <param name="log">Receives what happened.</param>
    /// <returns>The case's profile.</returns>
    public async Task<CaseProfile> StopAsync(string title, Action<string> log)
    {
        if (_sampler is not null)
        {
            return await StopSamplerAsync(title, log).ConfigureAwait(false);
        }

        if (_session is null)
        {
            return new CaseProfile(ServerHotSpots.Unavailable(_problem ?? "py-spy did not record this case."), []);
        }

        try
        {
            var stacksPath = await _session.StopAsync().ConfigureAwait(false);
            var stacks = CollapsedStacks.Parse(await File.ReadAllTextAsync(stacksPath).ConfigureAwait(false));
            var svgPath = Path.Combine(_caseDirectory, ServerProfiler.FlameGraphFile);
            await File.WriteAllTextAsync(svgPath, FlameGraphSvg.Render(stacks, title)).ConfigureAwait(false);
            _profiling.Add(stacks);
            log($"profile: {svgPath} ({stacks.TotalSamples} samples)");
            if (stacks.TotalSamples == 0)
            {
                return new CaseProfile(ServerHotSpots.Unavailable("py-spy recorded no samples (the server was idle, or py-spy could not read it)."), [svgPath, stacksPath]);
            }

            return new CaseProfile(ServerHotSpots.From(stacks, Note($"{_profiling.Process.Description}, at {_profiling.Config.SamplingRate} samples/s"), _profiling.Classifier), [svgPath, stacksPath]);
        }
        catch (Exception e) when (e is ProfilerException or FormatException or IOException)
        {
            log($"profiling failed for this case: {e.Message}");
            return new CaseProfile(ServerHotSpots.Unavailable(e.Message), []);
        }
        finally
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string Note(string what) =>
        $"Recorded by {_profiling.Recorder}: {what}; flamegraph {ServerProfiler.FlameGraphFile}, collapsed stacks {ServerProfiler.StacksFile}."
        + (_profiling.Choice is { } choice ? $" Why: {choice}." : string.Empty);

    private async Task<CaseProfile> StopSamplerAsync(string title, Action<string> log)
    {
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stacks = await _sampler!.StopAsync(_recordingId!, bound.Token).ConfigureAwait(false);
            Directory.CreateDirectory(_caseDirectory);
            var stacksPath = Path.Combine(_caseDirectory, ServerProfiler.StacksFile);
            await File.WriteAllTextAsync(stacksPath, stacks.Format()).ConfigureAwait(false);
            var svgPath = Path.Combine(_caseDirectory, ServerProfiler.FlameGraphFile);
            await File.WriteAllTextAsync(svgPath, FlameGraphSvg.Render(stacks, title)).ConfigureAwait(false);
            _profiling.Add(stacks);
            log($"profile: {svgPath} ({stacks.TotalSamples} samples from the in-process sampler)");
            return stacks.TotalSamples == 0
                ? new CaseProfile(ServerHotSpots.Unavailable("the in-process sampler recorded no samples."), [svgPath, stacksPath])
                : new CaseProfile(ServerHotSpots.From(stacks, Note(_sampler.Description), _profiling.Classifier), [svgPath, stacksPath]);
        }
        catch (Exception e) when (e is ProfilerException or FormatException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            log($"profiling failed for this case: {e.Message}");
            return new CaseProfile(ServerHotSpots.Unavailable(e.Message), []);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
