using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using PerfSuite.Cli;
using PerfSuite.Engine.Load;
using PerfSuite.Hosting.Comparison;
using PerfSuite.Hosting.Profiling;
using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;
using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Lab.Sampler;

/// <summary>
/// <c>perfsuite-lab sampler-compare</c>: the in-process sampler against py-spy on the reference API (gunicorn, one eventlet
/// worker, the sampler loaded by its post_fork hook), under a closed load of authenticated <c>GET /api/v1/citizens/</c>
/// (the load of the recorded py-spy samples). First both record the same load at once and their top "your code"
/// functions are compared (overlap, Spearman and Kendall over the common ones); then paired rounds on the same server,
/// sampler recording on and off alternating (off, on; on, off; ...), give the sampler's overhead on req/s and p95 with
/// the comparison's paired bootstrap interval (<see cref="SamplerOverhead"/>). Prints one JSON object.
/// </summary>
internal static class SamplerComparisonCommand
{
    public static readonly Option<string?> PySpy = CliOptions.Text(
        "--py-spy", "py-spy executable (default PERF_PYSPY, else py-spy on PATH); the stand-in tests/PerfSuite.Tests/Profiling/fake-py-spy replays a recorded profile", "PATH");

    public static readonly Option<int?> Rounds = CliOptions.WholeNumber("--rounds", "N", "paired rounds of the overhead, >= 2 (default 6)", 2, 100, "-n");

    public static readonly Option<double?> RoundSeconds = CliOptions.PositiveNumber("--round-seconds", "S", "measured seconds of each side of a round, after a 1 s warm-up (default 5)");

    public static readonly Option<double?> RankingSeconds = CliOptions.PositiveNumber("--ranking-seconds", "S", "seconds of load both profilers record for the ranking (default 10)");

    public static readonly Option<int?> Users = CliOptions.WholeNumber("--users", "U", "closed-model users, each looping the request with no think time (default 4)", 1, 1000, "-u");

    public static readonly Option<int?> Top = CliOptions.WholeNumber("--top", "K", "top your-code functions compared (default 10)", 1, 100);

    public static readonly Option<int?> Seed = CliOptions.WholeNumber("--seed", "N", "seed of the bootstrap (default 1)", 0);

    private const string Path = "/api/v1/citizens/";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The command and its options.</summary>
    public static Command Create() =>
        new Command("sampler-compare", "in-process sampler vs py-spy on the reference API: ranking of the top your-code functions, overhead on req/s and p95 in paired rounds; JSON on stdout")
        {
            PySpy, Rounds, RoundSeconds, RankingSeconds, Users, Top, Seed,
        }.WithHandler(RunAsync, ExitCodes.Table, loads: true);

    internal sealed record Arguments(string PySpy, int Rounds, TimeSpan RoundLength, TimeSpan RankingLength, int Users, int Top, int Seed);

    internal static Arguments? Bind(ParseResult parsed, string? perfPySpy, out string? problem)
    {
        problem = parsed.Errors.Count > 0 ? CliTool.Problem(parsed) : null;
        if (problem is not null)
        {
            return null;
        }

        var given = parsed.GetValue(PySpy) ?? (string.IsNullOrWhiteSpace(perfPySpy) ? "py-spy" : perfPySpy.Trim());
        if (Resolve(given) is not { } executable)
        {
            problem = $"--py-spy '{given}': not found (install py-spy, set PERF_PYSPY, or give the stand-in tests/PerfSuite.Tests/Profiling/fake-py-spy)";
            return null;
        }

        return new Arguments(
            executable,
            parsed.GetValue(Rounds) ?? 6,
            TimeSpan.FromSeconds(parsed.GetValue(RoundSeconds) ?? 5),
            TimeSpan.FromSeconds(parsed.GetValue(RankingSeconds) ?? 10),
            parsed.GetValue(Users) ?? 4,
            parsed.GetValue(Top) ?? 10,
            parsed.GetValue(Seed) ?? 1);
    }

    private static string? Resolve(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? System.IO.Path.GetFullPath(name) : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    private static async Task<int> RunAsync(ParseResult parsed, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Bind(parsed, Environment.GetEnvironmentVariable(PySpyProfilerConfig.ExecutableVariable), out var problem) is not { } arguments)
        {
            await error.WriteLineAsync($"sampler-compare: {problem}").ConfigureAwait(false);
            await error.WriteLineAsync(CliTool.Usage(parsed)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        var folder = Directory.CreateTempSubdirectory("perfsuite-sampler-compare-").FullName;
        var loadBefore = MachineFacts.LoadAverage();
        try
        {
            InProcessSampler.WriteModule(folder);
            await using var api = new QueueApiBuilder()
                .WithEnvironment(InProcessSampler.DirectoryVariable, folder)
                .WithEnvironment(InProcessSampler.ModulePathVariable, folder)
                .Build();
            var sampler = new SamplerFolder(folder);
            using (var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                startup.CancelAfter(TimeSpan.FromSeconds(60));
                await api.StartAsync(startup.Token).ConfigureAwait(false);
                while (sampler.LiveWorkers().Count == 0)
                {
                    await Task.Delay(50, startup.Token).ConfigureAwait(false);
                }
            }

            var tokens = api.CreateDefaultTokenProvider();
            try
            {
                var side = new CompareRounds.Side("reference API", api, tokens);
                var scenario = Scenario.Create($"GET {Path}").Get(Path, r => r.Expect(200)).Build();
                CompareRounds Runs(TimeSpan length) => new([scenario], Closed(arguments.Users, length), 1, TimeSpan.FromSeconds(5), arguments.Seed);

                await error.WriteLineAsync($"sampler-compare: reference API at {api.BaseUri}, pid {api.ProcessId}; warm-up").ConfigureAwait(false);
                await Runs(arguments.RoundLength).RunAsync(side, -1, cancellationToken).ConfigureAwait(false);
                var ranking = await RankAsync(arguments, api, sampler, side, Runs(arguments.RankingLength), folder, error, cancellationToken).ConfigureAwait(false);
                var overhead = await SamplerOverhead.MeasureAsync(arguments, sampler, side, Runs(arguments.RoundLength), error, cancellationToken).ConfigureAwait(false);
                var result = new Dictionary<string, object?>
                {
                    ["command"] = "perfsuite-lab " + string.Join(' ', parsed.Tokens.Select(t => t.Value)),
                    ["machine"] = MachineFacts.Read(loadBefore),
                    ["load"] = new Dictionary<string, object?>
                    {
                        ["request"] = $"GET {Path} (authenticated)",
                        ["users"] = arguments.Users,
                        ["think_time_seconds"] = 0,
                        ["server"] = "reference API, gunicorn, 1 eventlet worker, sampler loaded by post_fork at 100 samples/s",
                    },
                    ["ranking"] = ranking,
                    ["overhead"] = overhead,
                };
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Indented)).ConfigureAwait(false);
                return ExitCodes.Passed;
            }
            catch (ProfilerException e) when (!cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"sampler-compare: {e.Message}{Environment.NewLine}the server's last lines:{Environment.NewLine}{api.LogTail}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }
            finally
            {
                (tokens as IDisposable)?.Dispose();
            }
        }
        catch (Exception e) when (TargetUnavailable.Describe(e) is { } reason && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"sampler-compare: the target did not answer: {reason}").ConfigureAwait(false);
            return ExitCodes.TargetUnavailable;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static LoadProfile Closed(int users, TimeSpan length) => new("round",
    [
        new ConstantUsersPhase("warm-up", TimeSpan.FromSeconds(1), users) { WarmUp = true },
        new ConstantUsersPhase("round", length, users),
    ]);

    private static async Task<Dictionary<string, object?>> RankAsync(
        Arguments arguments, QueueApiTarget api, SamplerFolder sampler, CompareRounds.Side side, CompareRounds runs, string folder, TextWriter log, CancellationToken ct)
    {
        var config = new PySpyProfilerConfig { Executable = arguments.PySpy, Format = PySpyOutputFormat.Raw, OutputPath = System.IO.Path.Combine(folder, "py-spy.txt") };
        await using var pySpy = new PySpySession(config);
        await pySpy.StartAsync(api.ProcessId!.Value, ct).ConfigureAwait(false);
        await sampler.StartAsync("ranking", ct).ConfigureAwait(false);
        var run = await runs.RunAsync(side, 0, ct).ConfigureAwait(false);
        var fromSampler = await sampler.StopAsync("ranking", ct).ConfigureAwait(false);
        var fromPySpy = CollapsedStacks.Parse(await File.ReadAllTextAsync(await pySpy.StopAsync().ConfigureAwait(false), ct).ConfigureAwait(false));
        await log.WriteLineAsync($"sampler-compare: ranking: {run.Requests} requests; sampler {fromSampler.TotalSamples} samples, py-spy {fromPySpy.TotalSamples}").ConfigureAwait(false);

        var a = FunctionRanking.Top(fromSampler, CodeClassifier.Default, arguments.Top);
        var b = FunctionRanking.Top(fromPySpy, CodeClassifier.Default, arguments.Top);
        var common = FunctionRanking.Common(a, b);
        return new Dictionary<string, object?>
        {
            ["py_spy"] = arguments.PySpy,
            ["requests"] = run.Requests,
            ["sampler_samples"] = fromSampler.TotalSamples,
            ["py_spy_samples"] = fromPySpy.TotalSamples,
            ["top"] = arguments.Top,
            ["sampler_top"] = a.Select(Row).ToList(),
            ["py_spy_top"] = b.Select(Row).ToList(),
            ["common"] = common,
            ["overlap"] = common.Count,
            ["overlap_of"] = Math.Min(a.Count, b.Count),
            ["spearman"] = FunctionRanking.Spearman(a, b),
            ["kendall_tau_a"] = FunctionRanking.Kendall(a, b),
        };
    }

    private static Dictionary<string, object?> Row(RankedFunction f) =>
        new() { ["function"] = f.Function, ["samples"] = f.Samples, ["share"] = Math.Round(f.Share, 4) };

}
