using System.Text.RegularExpressions;
using PerfSuite.Hosting.Settings;
using YamlDotNet.Serialization;

namespace PerfSuite.Tests.Sharding;

/// <summary>
/// The template's engines for a sharded run (issue 19): the workflow's load-sharded matrix and merge job, and the
/// Kubernetes Indexed Job with its merge Job, checked for their shape as parsed YAML.
/// </summary>
public sealed class ShardEngineShapeTests
{
    private static readonly string Template = Path.Combine(
        ArtifactPaths.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("tests run inside the repository"),
        "templates", "PerfSuite.Templates", "content", "perfsuite");

    [Fact]
    public void The_workflow_runs_one_shard_per_matrix_runner_and_merges_them_in_a_job_that_needs_them()
    {
        var jobs = Map(Load(".github/workflows/perf.yml"), "jobs");
        Map(jobs, "load-tests").Should().NotBeNull("the existing load-tests job stays");
        Map(jobs, "compare").Should().NotBeNull("the existing compare job stays");

        var sharded = Map(jobs, "load-sharded");
        var matrix = List(Map(Map(sharded, "strategy"), "matrix"), "shard").Select(s => int.Parse((string)s)).ToList();
        var env = Map(sharded, "env");
        var shard = Regex.Match(Text(env, "PERF_SHARD"), @"^\$\{\{ matrix\.shard \}\}/(\d+)$");
        shard.Success.Should().BeTrue($"PERF_SHARD is '${{{{ matrix.shard }}}}/N' (was '{Text(env, "PERF_SHARD")}')");
        var n = int.Parse(shard.Groups[1].Value);
        matrix.Should().HaveCount(n, "the matrix has N runners, N from PERF_SHARD");
        matrix.Should().Equal(Enumerable.Range(1, n), "every runner's PERF_SHARD is i/N, i = 1..N, each once");
        foreach (var i in matrix)
        {
            LoadShardOf($"{i}/{n}").Should().Be((i, n));
        }

        Needs(sharded).Should().Contain("start-at");
        Text(env, "PERF_START_AT").Should().Be("${{ needs.start-at.outputs.at }}", "every shard starts at one instant");
        Text(Map(Map(jobs, "start-at"), "outputs"), "at").Should().Contain("steps.");
        var startStep = Steps(Map(jobs, "start-at")).Single();
        Text(startStep, "run").Should().Contain("date -u -d '+").And.Contain("GITHUB_OUTPUT");

        var shardSteps = Steps(sharded);
        shardSteps.Should().Contain(s => Run(s).Contains("dotnet test"));
        var upload = shardSteps.Single(s => Uses(s).StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
        var uploadName = Text(Map(upload, "with"), "name");
        uploadName.Should().Contain("${{ matrix.shard }}", "an artifact per shard");
        Text(upload, "if").Should().Be("always()");

        var merge = Map(jobs, "merge");
        Needs(merge).Should().Contain("load-sharded");
        var mergeSteps = Steps(merge);
        var download = mergeSteps.Single(s => Uses(s).StartsWith("actions/download-artifact@", StringComparison.Ordinal));
        var pattern = Text(Map(download, "with"), "pattern");
        var glob = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$");
        foreach (var i in matrix)
        {
            glob.IsMatch(uploadName.Replace("${{ matrix.shard }}", i.ToString())).Should().BeTrue($"the download pattern '{pattern}' takes shard {i}'s artifact");
        }

        mergeSteps.Should().Contain(s => Run(s).Contains("dotnet tool install") && Run(s).Contains("PerfSuite.Cli"));
        var gate = mergeSteps.Single(s => Run(s).Contains("perfsuite merge"));
        Run(gate).Should().Contain("--report-dir").And.Contain("GITHUB_STEP_SUMMARY").And.Contain("1024 * 1024")
            .And.Contain("exit \"$status\"", "a missed budget (exit 1) fails the job");
    }

    [Fact]
    public void The_kubernetes_job_is_indexed_with_parallelism_equal_to_completions_equal_to_PERF_SHARDS()
    {
        var job = Load("deploy/k8s/load-sharded-job.yaml");
        Text(job, "kind").Should().Be("Job");
        var spec = Map(job, "spec");
        Text(spec, "completionMode").Should().Be("Indexed");
        var completions = int.Parse(Text(spec, "completions"));
        int.Parse(Text(spec, "parallelism")).Should().Be(completions);

        var container = (Dictionary<object, object>)List(Map(Map(spec, "template"), "spec"), "containers").Single();
        var env = List(container, "env").Cast<Dictionary<object, object>>().ToDictionary(e => Text(e, "name"), e => Text(e, "value"));
        int.Parse(env["PERF_SHARDS"]).Should().Be(completions);
        env["PERF_START_AT"].Should().NotBeNullOrWhiteSpace();
        env.Should().ContainKey("PERF_RUN_ID");
        Text(container, "image").Should().NotBeNullOrWhiteSpace();
        string.Join(" ", List(container, "args")).Should().Contain("dotnet test").And.Contain("/results/shard-$JOB_COMPLETION_INDEX");
        var claim = ClaimOf(spec);

        var mergeJob = Load("deploy/k8s/merge-job.yaml");
        Text(mergeJob, "kind").Should().Be("Job");
        var mergeSpec = Map(mergeJob, "spec");
        ClaimOf(mergeSpec).Should().Be(claim, "the merge reads the volume the shards wrote");
        var mergeContainer = (Dictionary<object, object>)List(Map(Map(mergeSpec, "template"), "spec"), "containers").Single();
        string.Join(" ", List(mergeContainer, "args")).Should().Contain("perfsuite merge /results/shard-*/").And.Contain("exit \"$status\"");

        var pvc = Load("deploy/k8s/perf-results-pvc.yaml");
        Text(pvc, "kind").Should().Be("PersistentVolumeClaim");
        Text(Map(pvc, "metadata"), "name").Should().Be(claim);
    }

    private static (int, int) LoadShardOf(string text)
    {
        var shard = PerfSuite.Engine.Load.LoadShard.Parse(text, "PERF_SHARD");
        return (shard.Index, shard.Count);
    }

    private static string ClaimOf(Dictionary<object, object> jobSpec)
    {
        var volume = (Dictionary<object, object>)List(Map(Map(jobSpec, "template"), "spec"), "volumes").Single();
        return Text(Map(volume, "persistentVolumeClaim"), "claimName");
    }

    private static Dictionary<object, object> Load(string relative) =>
        (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(Path.Combine(Template, relative)))!;

    private static Dictionary<object, object> Map(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is Dictionary<object, object> map ? map : throw new InvalidOperationException($"no mapping '{key}'");

    private static List<object> List(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is List<object> list ? list : throw new InvalidOperationException($"no list '{key}'");

    private static string Text(Dictionary<object, object> node, string key) =>
        node.TryGetValue(key, out var value) && value is string text ? text : throw new InvalidOperationException($"no scalar '{key}'");

    private static List<Dictionary<object, object>> Steps(Dictionary<object, object> job) => List(job, "steps").Cast<Dictionary<object, object>>().ToList();

    private static string Run(Dictionary<object, object> step) => step.TryGetValue("run", out var run) ? (string)run : "";

    private static string Uses(Dictionary<object, object> step) => step.TryGetValue("uses", out var uses) ? (string)uses : "";

    private static List<string> Needs(Dictionary<object, object> job) => job["needs"] switch
    {
        string one => [one],
        List<object> many => many.Cast<string>().ToList(),
        _ => [],
    };
}
