using System.Text.Json;
using PerfSuite.Hosting.Containers;
using PerfSuite.SettingsProbe;

// Usage: PerfSuite.SettingsProbe IMAGE READY_PATH [NAME=VALUE ...]  (NAME=VALUE: the container's environment)
// Prints one JSON object: "before" and "after" (see SettingsSnapshot), and "baseUri" or "error". Exit code 0 when the target
// started and stopped, 1 when it failed (the error is in the JSON), 2 for bad usage.
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: PerfSuite.SettingsProbe IMAGE READY_PATH [NAME=VALUE ...]");
    return 2;
}

// Taken before anything of PerfSuite runs: this first read also initialises Testcontainers' settings from the user's sources.
var before = SettingsSnapshot.Take();
var builder = new ContainerTargetBuilder(args[0]).WithHostNetwork().WithReadiness(args[1], TimeSpan.FromSeconds(60));
foreach (var pair in args.Skip(2).Select(a => a.Split('=', 2)))
{
    builder = builder.WithEnvironment(pair[0], pair.Length > 1 ? pair[1] : string.Empty);
}

string? baseUri = null;
string? error = null;
using (var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
{
    var target = builder.Build();
    try
    {
        await target.StartAsync(bound.Token);
        baseUri = target.BaseUri.ToString();
    }
#pragma warning disable CA1031 // Whatever the start throws is the probe's answer, printed for the test to read.
    catch (Exception e)
#pragma warning restore CA1031
    {
        error = $"{e.GetType().Name}: {e.Message}";
    }
    finally
    {
        await target.DisposeAsync();
    }
}

var after = SettingsSnapshot.Take();
Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
{
    ["before"] = before,
    ["after"] = after,
    ["baseUri"] = baseUri,
    ["error"] = error,
}));
return error is null ? 0 : 1;
