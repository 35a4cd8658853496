using System.Globalization;
using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// Drives the in-process sampler through its control folder, the folder the server's <c>PERFSUITE_SAMPLER_DIR</c> names
/// seen from here: the same folder for an embedded or local server, a bind mount (or a copy out) for a container. Every
/// worker touches <c>worker.&lt;pid&gt;</c> each second; <c>record</c> holds the recording on; each worker answers a
/// stop with <c>&lt;id&gt;.&lt;pid&gt;.txt</c> and <c>.done</c>, a dump with <c>dump-&lt;id&gt;.&lt;pid&gt;.txt</c>.
/// </summary>
public sealed class SamplerFolder : ISamplerControl
{
    /// <summary>The variable naming the control folder on this machine (the fixture's side of <c>PERFSUITE_SAMPLER_DIR</c>).</summary>
    public const string FolderVariable = "PERF_SAMPLER_DIR";

    /// <summary>A worker whose heartbeat is older than this is gone.</summary>
    public static readonly TimeSpan HeartbeatLimit = TimeSpan.FromSeconds(4);

    /// <summary>Uses <paramref name="directory"/>; nothing is written until a recording starts.</summary>
    /// <param name="directory">The control folder.</param>
    public SamplerFolder(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The control folder (full path).</summary>
    public string Directory { get; }

    /// <summary>How long a stop or a dump waits for the workers; default 10 s.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public string Description => $"the in-process sampler through the folder {Directory}";

    /// <summary>The workers whose heartbeat is fresh, by pid (their own pid namespace's).</summary>
    /// <returns>The pids, ascending.</returns>
    public IReadOnlyList<int> LiveWorkers()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var now = DateTime.UtcNow;
        return [.. System.IO.Directory.EnumerateFiles(Directory, "worker.*")
            .Where(f => now - File.GetLastWriteTimeUtc(f) < HeartbeatLimit)
            .Select(f => int.TryParse(Path.GetExtension(f).TrimStart('.'), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Order()];
    }

    /// <inheritdoc />
    public Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return Task.FromResult<string?>($"the sampler folder {Directory} does not exist (is {InProcessSampler.DirectoryVariable} set for the server, and {FolderVariable} for the tests?)");
        }

        return Task.FromResult<string?>(LiveWorkers().Count > 0 ? null
            : $"no worker has loaded the in-process sampler: no fresh worker.<pid> in {Directory} (load {InProcessSampler.ModuleFileName} in the server, see docs/profiling.md)");
    }

    /// <inheritdoc />
    public async Task StartAsync(string recordingId, CancellationToken cancellationToken)
    {
        var id = Check(recordingId);
        foreach (var stale in System.IO.Directory.EnumerateFiles(Directory, id + ".*"))
        {
            File.Delete(stale);
        }

        await WriteAtomicAsync(Path.Combine(Directory, "record"), id + "\n", cancellationToken).ConfigureAwait(false);
        // The workers look at the folder every 50 ms: give them that before the load starts.
        await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<CollapsedStacks> StopAsync(string recordingId, CancellationToken cancellationToken)
    {
        var id = Check(recordingId);
        var workers = LiveWorkers();
        File.Delete(Path.Combine(Directory, "record"));
        var files = await WaitForAsync(workers, pid => Path.Combine(Directory, Invariant($"{id}.{pid}.done")), "its stacks", cancellationToken).ConfigureAwait(false);
        var profiles = new List<CollapsedStacks>();
        foreach (var done in files)
        {
            var stacks = Path.ChangeExtension(done, ".txt");
            profiles.Add(CollapsedStacks.Parse(await File.ReadAllTextAsync(stacks, cancellationToken).ConfigureAwait(false)));
            File.Delete(stacks);
            File.Delete(done);
        }

        return CollapsedStacks.Merge(profiles);
    }

    /// <inheritdoc />
    public async Task<string> DumpAsync(string dumpId, CancellationToken cancellationToken)
    {
        var id = Check(dumpId);
        var workers = LiveWorkers();
        await WriteAtomicAsync(Path.Combine(Directory, "dump"), id + "\n", cancellationToken).ConfigureAwait(false);
        var files = await WaitForAsync(workers, pid => Path.Combine(Directory, Invariant($"dump-{id}.{pid}.txt")), "its dump", cancellationToken).ConfigureAwait(false);
        var parts = new List<string>();
        foreach (var file in files)
        {
            parts.Add(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false));
            File.Delete(file);
        }

        return string.Join("\n" + new string('-', 80) + "\n", parts);
    }

    private async Task<List<string>> WaitForAsync(IReadOnlyList<int> workers, Func<int, string> fileOf, string what, CancellationToken cancellationToken)
    {
        if (workers.Count == 0)
        {
            throw new ProfilerException($"no worker of the in-process sampler is alive in {Directory}: nothing to collect.");
        }

        var deadline = DateTime.UtcNow + AnswerTimeout;
        var wanted = workers.Select(fileOf).ToList();
        while (true)
        {
            var missing = wanted.Where(f => !File.Exists(f)).ToList();
            if (missing.Count == 0)
            {
                return wanted;
            }

            if (DateTime.UtcNow > deadline)
            {
                var alive = LiveWorkers();
                var answered = wanted.Except(missing).ToList();
                // A worker that died meanwhile (no heartbeat) is left out; one that lives but did not answer is an error.
                var stillMissing = missing.Where(f => alive.Any(pid => fileOf(pid) == f)).ToList();
                if (stillMissing.Count == 0 && answered.Count > 0)
                {
                    return answered;
                }

                throw new ProfilerException(Invariant($"{missing.Count} of {wanted.Count} sampler workers did not hand in {what} within {AnswerTimeout.TotalSeconds:0.#} s ({string.Join(", ", missing.Select(Path.GetFileName))} missing in {Directory})."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp-perfsuite";
        await File.WriteAllTextAsync(temporary, text, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    internal static string Check(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (id.Length > 80 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            throw new ArgumentException($"A sampler recording id holds only letters, digits, '-' and '_' (at most 80), not '{id}'.", nameof(id));
        }

        return id;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
