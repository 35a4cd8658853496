using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// One test case's py-spy recording (or why there is none). <see cref="StopAsync"/> sends the one SIGINT, then turns the
/// raw stacks into the case's flamegraph and hot spots; disposing kills a py-spy that was not stopped.
/// </summary>
public sealed class ServerRecording : IAsyncDisposable
{
    private readonly ServerProfiler profiling;
    private readonly string caseDirectory;
    private readonly PySpySession? session;
    private readonly string? problem;
    private readonly ISamplerControl? sampler;
    private readonly string? recordingId;

    internal ServerRecording(ServerProfiler profiling, string caseDirectory, PySpySession? session, string? problem)
    {
        this.profiling = profiling;
        this.caseDirectory = caseDirectory;
        this.session = session;
        this.problem = problem;
    }

    internal ServerRecording(ServerProfiler profiling, string caseDirectory, ISamplerControl sampler, string recordingId)
    {
        this.profiling = profiling;
        this.caseDirectory = caseDirectory;
        this.sampler = sampler;
        this.recordingId = recordingId;
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
        if (sampler is not null)
        {
            return await StopSamplerAsync(title, log).ConfigureAwait(false);
        }

        if (session is null)
        {
            return new CaseProfile(ServerHotSpots.Unavailable(problem ?? "py-spy did not record this case."), []);
        }

        try
        {
            var stacksPath = await session.StopAsync().ConfigureAwait(false);
            var stacks = CollapsedStacks.Parse(await File.ReadAllTextAsync(stacksPath).ConfigureAwait(false));
            var svgPath = Path.Combine(caseDirectory, ServerProfiler.FlameGraphFile);
            await File.WriteAllTextAsync(svgPath, FlameGraphSvg.Render(stacks, title)).ConfigureAwait(false);
            profiling.Add(stacks);
            log($"profile: {svgPath} ({stacks.TotalSamples} samples)");
            if (stacks.TotalSamples == 0)
            {
                return new CaseProfile(ServerHotSpots.Unavailable("py-spy recorded no samples (the server was idle, or py-spy could not read it)."), [svgPath, stacksPath]);
            }

            return new CaseProfile(ServerHotSpots.From(stacks, Note($"{profiling.Process.Description}, at {profiling.Config.SamplingRate} samples/s"), profiling.Classifier), [svgPath, stacksPath]);
        }
        catch (Exception e) when (e is ProfilerException or FormatException or IOException)
        {
            log($"profiling failed for this case: {e.Message}");
            return new CaseProfile(ServerHotSpots.Unavailable(e.Message), []);
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private string Note(string what) =>
        $"Recorded by {profiling.Recorder}: {what}; flamegraph {ServerProfiler.FlameGraphFile}, collapsed stacks {ServerProfiler.StacksFile}."
        + (profiling.Choice is { } choice ? $" Why: {choice}." : string.Empty);

    private async Task<CaseProfile> StopSamplerAsync(string title, Action<string> log)
    {
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stacks = await sampler!.StopAsync(recordingId!, bound.Token).ConfigureAwait(false);
            Directory.CreateDirectory(caseDirectory);
            var stacksPath = Path.Combine(caseDirectory, ServerProfiler.StacksFile);
            await File.WriteAllTextAsync(stacksPath, stacks.Format()).ConfigureAwait(false);
            var svgPath = Path.Combine(caseDirectory, ServerProfiler.FlameGraphFile);
            await File.WriteAllTextAsync(svgPath, FlameGraphSvg.Render(stacks, title)).ConfigureAwait(false);
            profiling.Add(stacks);
            log($"profile: {svgPath} ({stacks.TotalSamples} samples from the in-process sampler)");
            return stacks.TotalSamples == 0
                ? new CaseProfile(ServerHotSpots.Unavailable("the in-process sampler recorded no samples."), [svgPath, stacksPath])
                : new CaseProfile(ServerHotSpots.From(stacks, Note(sampler.Description), profiling.Classifier), [svgPath, stacksPath]);
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
        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
