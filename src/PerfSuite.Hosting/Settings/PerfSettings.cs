using System.Globalization;
using System.Text.RegularExpressions;
using PerfSuite.Hosting.Containers;
using PerfSuite.Hosting.Profiling;

namespace PerfSuite.Hosting.Settings;

/// <summary>
/// What a load-test run is configured with, read from <c>PERF_*</c> environment variables. Pure data: <see cref="Parse"/>
/// validates everything at once and reports every problem; nothing is started here. Printed forms never show a secret.
/// </summary>
public sealed partial record PerfSettings
{
    /// <summary>Selected load profile names (<c>PERF_PROFILES</c>, default <c>smoke</c>), at least one.</summary>
    public IReadOnlyList<string> Profiles { get; init; } = ["smoke"];

    /// <summary>Concurrency cap for profiles that take one from the environment (<c>PERF_MAX_VUSERS</c>, &gt;= 1); <c>null</c> when unset.</summary>
    public int? MaxVusers { get; init; }

    /// <summary>An existing deployment to load (<c>PERF_TARGET</c>); <c>null</c> when unset.</summary>
    public Uri? Target { get; init; }

    /// <summary>A container to start as the target (<c>PERF_TARGET_IMAGE</c> and its companions, see <see cref="ContainerSelection"/>); <c>null</c> when unset.</summary>
    public ContainerTargetBuilder? Container { get; init; }

    /// <summary>Whether a target or token endpoint off this machine is allowed (<c>PERF_ALLOW_REMOTE=1</c>).</summary>
    public bool AllowRemote { get; init; }

    /// <summary>A static access token (<c>PERF_TOKEN</c>); never printed. Wins over <see cref="Oidc"/>.</summary>
    public string? Token { get; init; }

    /// <summary>Password-grant login (<c>PERF_TOKEN_URL</c>, <c>PERF_CLIENT_ID</c>, <c>PERF_USERNAME</c>, <c>PERF_PASSWORD</c>); <c>null</c> when unset.</summary>
    public OidcSettings? Oidc { get; init; }

    /// <summary>The artifacts folder (<c>PERF_ARTIFACTS</c>); <c>null</c> for <c>artifacts/</c> at the repository root. Reports go under <c>perf/&lt;run-id&gt;/</c> in it.</summary>
    public string? ArtifactsDirectory { get; init; }

    /// <summary>The budgets file (<c>PERF_BUDGETS</c>); <c>null</c> for <c>scenarios/budgets.json</c> at the repository root.</summary>
    public string? BudgetsFile { get; init; }

    /// <summary>The run id naming the report folder (<c>PERF_RUN_ID</c>, letters, digits, <c>.</c>, <c>_</c>, <c>-</c>); <c>null</c> for the UTC start time, e.g. <c>20261127-034512</c>.</summary>
    public string? RunId { get; init; }

    /// <summary>Whether a suite's server-profiling fixture records the server (<c>PERF_SERVER_PROFILE=off|auto|py-spy</c>, default <c>auto</c>).</summary>
    public ServerProfileMode ServerProfile { get; init; }

    /// <summary>py-spy's settings for the profiling fixture (<c>PERF_PYSPY</c> names the executable, <c>PERF_PROFILE_PID</c> the process).</summary>
    public PySpyProfilerConfig PySpy { get; init; } = new();

    /// <summary>The baseline to compare the target with (<c>PERF_COMPARE_BASELINE</c>); <c>null</c> for an ordinary budget run.</summary>
    public CompareBaseline? CompareBaseline { get; init; }

    /// <summary>Paired rounds of a comparison run (<c>PERF_COMPARE_ROUNDS</c>, &gt;= 3); <c>null</c> for the default.</summary>
    public int? CompareRounds { get; init; }

    /// <summary>Measured length of each side's round in a comparison run (<c>PERF_COMPARE_ROUND_SECONDS</c>, &gt; 0); <c>null</c> for the default.</summary>
    public TimeSpan? CompareRoundLength { get; init; }

    /// <summary>Which shard of a split run this process is (<c>PERF_SHARD=i/N</c>, or <c>JOB_COMPLETION_INDEX</c> with <c>PERF_SHARDS=N</c>); <c>null</c> for a whole run.</summary>
    public PerfSuite.Engine.Load.LoadShard? Shard { get; init; }

    /// <summary>The common start instant of a split run's shards (<c>PERF_START_AT</c>, UTC); <c>null</c> to start at once.</summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>Whether every request carries W3C trace context and the reports list the slowest requests' trace ids (<c>PERF_TRACE_CONTEXT=1</c>, or <c>0</c>, default off).</summary>
    public bool TraceContext { get; init; }

    /// <summary>The variable of <see cref="TraceContext"/>.</summary>
    public const string TraceContextVariable = "PERF_TRACE_CONTEXT";

    /// <summary>Reads the settings from the process environment.</summary>
    /// <param name="validProfiles">The profiles the suite defines.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="PerfSettingsException">Every problem found.</exception>
    public static PerfSettings FromEnvironment(IReadOnlyCollection<string> validProfiles) =>
        Parse(Environment.GetEnvironmentVariable, validProfiles);

    /// <summary>Reads the settings from <paramref name="read"/> (a variable name → its value, <c>null</c> when unset).</summary>
    /// <param name="read">The environment, e.g. <see cref="Environment.GetEnvironmentVariable(string)"/> or a dictionary lookup in tests.</param>
    /// <param name="validProfiles">The profiles the suite defines.</param>
    /// <param name="variableNames">Every variable name set, for the prefixed ones (<c>PERF_TARGET_ENV_*</c>); <c>null</c> for the process environment's.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="PerfSettingsException">Every problem found, each naming its variable.</exception>
    public static PerfSettings Parse(Func<string, string?> read, IReadOnlyCollection<string> validProfiles, IEnumerable<string>? variableNames = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(validProfiles);
        string? Value(string name) => read(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var problems = new List<string>();
        var settings = new PerfSettings { AllowRemote = TargetSelection.IsAllowRemote(Value(TargetSelection.AllowRemoteVariable)) };

        settings = Try(problems, settings, s => s with { Profiles = ProfileSelection.Parse(Value(ProfileSelection.Variable), validProfiles) });
        settings = Try(problems, settings, s => s with { Target = TargetSelection.Parse(Value(TargetSelection.TargetVariable), s.AllowRemote) });
        settings = Try(problems, settings, s => s with { Container = ContainerSelection.Parse(Value, variableNames ?? Environment.GetEnvironmentVariables().Keys.Cast<string>()) });
        if (settings.Target is not null && settings.Container is not null)
        {
            problems.Add($"{TargetSelection.TargetVariable} and {ContainerSelection.ImageVariable} are both set: choose a running server (URL) or an image to start.");
        }

        if (Value("PERF_MAX_VUSERS") is { } max)
        {
            if (int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap >= 1)
            {
                settings = settings with { MaxVusers = cap };
            }
            else
            {
                problems.Add($"PERF_MAX_VUSERS='{max}' must be a whole number >= 1 (e.g. 200).");
            }
        }

        settings = Try(problems, settings, s => s with { RunId = ParseRunId(Value(RunIdVariable)) });

        settings = settings with { Token = Value("PERF_TOKEN"), ArtifactsDirectory = Value("PERF_ARTIFACTS"), BudgetsFile = Value("PERF_BUDGETS") };
        settings = Try(problems, settings, s => s with { PySpy = PySpyProfilerConfig.FromEnvironment(Value) });
        settings = Try(problems, settings, s => s with { ServerProfile = ParseServerProfile(Value(ServerProfileVariable)) });
        settings = Try(problems, settings, s => s with { CompareBaseline = CompareBaseline.Parse(Value(CompareBaseline.Variable), s.AllowRemote) });
        if (Value("PERF_COMPARE_ROUNDS") is { } rounds)
        {
            if (int.TryParse(rounds, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 3)
            {
                settings = settings with { CompareRounds = count };
            }
            else
            {
                problems.Add($"PERF_COMPARE_ROUNDS='{rounds}' must be a whole number >= 3 (e.g. 6).");
            }
        }

        if (Value("PERF_COMPARE_ROUND_SECONDS") is { } seconds)
        {
            if (double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var length) && length > 0 && length <= 3600)
            {
                settings = settings with { CompareRoundLength = TimeSpan.FromSeconds(length) };
            }
            else
            {
                problems.Add($"PERF_COMPARE_ROUND_SECONDS='{seconds}' must be a number of seconds, 0 < s <= 3600 (e.g. 6).");
            }
        }

        if (Value("PERF_PROFILE") is { } old)
        {
            // PERF_PROFILE is one letter from PERF_PROFILES (the load profiles): a silent no-op would be a surprise.
            problems.Add($"PERF_PROFILE='{old}' is no longer read: set {ServerProfileVariable}=py-spy (or off, auto) to profile the server; PERF_PROFILES picks the load profiles.");
        }
        settings = Try(problems, settings, s => s with { Shard = ShardSelection.Parse(Value), StartAt = ShardSelection.ParseStartAt(Value) });
        settings = Try(problems, settings, s => s with { TraceContext = ParseTraceContext(Value(TraceContextVariable)) });

        settings = ReadOidc(Value, problems, settings);
        if (problems.Count > 0)
        {
            throw new PerfSettingsException(problems);
        }

        return settings;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"profiles {string.Join(",", Profiles)}; target {(Target is not null ? Target.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) : Container is not null ? $"container {Container.Image}{(Container.HostNetwork ? " (host network)" : string.Empty)}" : "none set")}; "
        + $"auth {(Token is not null ? "static token (redacted)" : Oidc?.ToString() ?? "default")}; maxVusers {(MaxVusers?.ToString(CultureInfo.InvariantCulture) ?? "default")}"
        + (ServerProfile == ServerProfileMode.Auto ? string.Empty : $"; server profile {ServerProfile.ToString().ToLowerInvariant()}")
        + (CompareBaseline is null ? string.Empty : $"; compared with {CompareBaseline}");

    /// <summary>The variable that turns a suite's server-profiling fixture off or on.</summary>
    public const string ServerProfileVariable = "PERF_SERVER_PROFILE";

    /// <summary>The variable naming the run id: shards of one run set it the same.</summary>
    public const string RunIdVariable = "PERF_RUN_ID";

    /// <summary>Reads a run id (<c>PERF_RUN_ID</c>): letters, digits, <c>.</c>, <c>_</c> and <c>-</c>; <c>null</c> when unset or empty.</summary>
    /// <param name="value">The variable's value, <c>null</c> when unset.</param>
    /// <exception cref="FormatException">Another character; the message names the variable and the value.</exception>
    public static string? ParseRunId(string? value) =>
        string.IsNullOrEmpty(value) ? null
        : RunIdPattern().IsMatch(value) ? value
        : throw new FormatException($"{RunIdVariable}='{value}' may only hold letters, digits, '.', '_' and '-' (it names a folder).");

    /// <summary>Whether a value of <see cref="TraceContextVariable"/> turns trace context on: 1, true or on; 0, false, off or unset leave it off.</summary>
    /// <param name="value">The variable's value, or null when unset.</param>
    /// <returns>True for on.</returns>
    /// <exception cref="FormatException">Any other value, named with the variable.</exception>
    public static bool ParseTraceContext(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" or "off" => false,
        "1" or "true" or "on" => true,
        _ => throw new FormatException($"{TraceContextVariable}='{value}' must be 1 (on) or 0 (off)."),
    };

    /// <summary>Parses <c>PERF_SERVER_PROFILE</c>: <c>off</c>, <c>auto</c> (also when unset), <c>py-spy</c> or <c>sampler</c>, any case.</summary>
    /// <param name="value">The trimmed value; <c>null</c> when unset.</param>
    /// <returns>The mode.</returns>
    /// <exception cref="ArgumentException">Any other value, named with the valid ones.</exception>
    public static ServerProfileMode ParseServerProfile(string? value) => value?.ToLowerInvariant() switch
    {
        null or "auto" => ServerProfileMode.Auto,
        "off" or "0" or "false" => ServerProfileMode.Off,
        "py-spy" or "pyspy" => ServerProfileMode.PySpy,
        "sampler" => ServerProfileMode.Sampler,
        _ => throw new ArgumentException($"{ServerProfileVariable}='{value}' must be off, auto (the default: py-spy when it can attach, else the in-process sampler), py-spy or sampler.", nameof(value)),
    };

    private static PerfSettings ReadOidc(Func<string, string?> value, List<string> problems, PerfSettings settings)
    {
        string[] names = ["PERF_TOKEN_URL", "PERF_CLIENT_ID", "PERF_USERNAME", "PERF_PASSWORD"];
        var values = names.Select(value).ToArray();
        if (values.All(v => v is null))
        {
            return settings;
        }

        var missing = names.Where((_, i) => values[i] is null).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"The OIDC password grant needs all of {string.Join(", ", names)}; missing: {string.Join(", ", missing)}.");
            return settings;
        }

        return Try(problems, settings, s =>
        {
            var tokenUrl = TargetSelection.ParseUrl("PERF_TOKEN_URL", values[0]!);
            TargetSelection.EnsureAllowed("PERF_TOKEN_URL", tokenUrl, s.AllowRemote);
            return s with { Oidc = new OidcSettings(tokenUrl, values[1]!, values[2]!, values[3]!) };
        });
    }

    private static PerfSettings Try(List<string> problems, PerfSettings settings, Func<PerfSettings, PerfSettings> apply)
    {
        try
        {
            return apply(settings);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            problems.Add(e.Message.Split(" (Parameter", 2)[0]);
            return settings;
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex RunIdPattern();
}
