using System.Text.Json;
using PerfSuite.Engine.Http;
using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.Checks;

/// <summary>
/// Checks and captures of one step's response, shared by HTTP requests (<see cref="RequestOptions"/>) and Socket.IO
/// acknowledgements and awaited events (<see cref="SocketIo.MessageOptions"/>). A failed check is recorded as the error
/// <c>check:&lt;name&gt;</c>, fails the request (it stays timed) and ends the user's flow; a missing capture is
/// <c>capture-failed</c> (unless the capture is <see cref="CaptureOptional"/>). Bad paths are reported by <see cref="Load.ScenarioBuilder.Build"/>, naming the step.
/// </summary>
/// <typeparam name="TSelf">The concrete options type, so every method chains.</typeparam>
public abstract class ResponseOptions<TSelf>
    where TSelf : ResponseOptions<TSelf>
{
    private readonly List<ResponseCheck> _checks = [];
    private readonly List<(JsonPath Path, string Into, bool Required)> _captures = [];
    private readonly List<string> _problems = [];

    private protected ResponseOptions()
    {
    }

    internal IReadOnlyList<ResponseCheck> Checks => _checks;

    internal IReadOnlyList<(JsonPath Path, string Into, bool Required)> Captures => _captures;

    internal IReadOnlyList<string> Problems => _problems;

    /// <summary>Checks that the JSON value at <paramref name="path"/> equals <paramref name="expected"/> (compared as JSON: <c>1</c> equals <c>1.0</c>, strings exactly).</summary>
    /// <param name="path">JSON path, e.g. <c>$.success</c> or <c>$.items[0].id</c>.</param>
    /// <param name="expected">Expected value, serialized with System.Text.Json (a bool, number, string, <c>null</c> or any object).</param>
    /// <param name="name">Name in the reports; default <c>&lt;path&gt; == &lt;expected JSON&gt;</c>, e.g. <c>$.success == true</c>.</param>
    public TSelf CheckJson(string path, object? expected, string? name = null)
    {
        var element = JsonSerializer.SerializeToElement(expected, expected?.GetType() ?? typeof(object));
        if (TryPath(path) is { } parsed)
        {
            _checks.Add(new ResponseCheck(
                name ?? $"{path} == {element.GetRawText()}",
                body => body.TryFind(parsed, out var actual) && JsonElement.DeepEquals(actual, element)));
        }

        return (TSelf)this;
    }

    /// <summary>Checks that the response is JSON and has a value (<c>null</c> included) at <paramref name="path"/>.</summary>
    /// <param name="path">JSON path, e.g. <c>$.appointment.appointment_id</c>.</param>
    /// <param name="name">Name in the reports; default <c>&lt;path&gt; exists</c>.</param>
    public TSelf CheckJsonExists(string path, string? name = null)
    {
        if (TryPath(path) is { } parsed)
        {
            _checks.Add(new ResponseCheck(name ?? $"{path} exists", body => body.TryFind(parsed, out _)));
        }

        return (TSelf)this;
    }

    /// <summary>Checks the body text with a predicate (HTTP: the body decoded as UTF-8; Socket.IO: the payload as JSON text).</summary>
    /// <param name="name">Name in the reports, e.g. <c>has-office</c>; must not be empty.</param>
    /// <param name="predicate">True when the body is acceptable; an exception counts as a failed check.</param>
    public TSelf CheckBody(string name, Func<string, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (string.IsNullOrWhiteSpace(name))
        {
            _problems.Add($"CheckBody: name must not be empty (was '{name}')");
            return (TSelf)this;
        }

        _checks.Add(new ResponseCheck(name, body =>
        {
            try
            {
                return predicate(body.Text);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return false;
            }
        }));
        return (TSelf)this;
    }

    /// <summary>Captures the JSON value at <paramref name="path"/> into the variable <paramref name="into"/> (<c>{into}</c> in later steps). Call it once per value.</summary>
    /// <param name="path">JSON path, e.g. <c>$.appointment.appointment_id</c>; a missing or <c>null</c> value is <c>capture-failed</c>.</param>
    /// <param name="into">Variable name.</param>
    public TSelf Capture(string path, string into) => AddCapture(nameof(Capture), path, into, required: true);

    /// <summary>
    /// Captures the JSON value at <paramref name="path"/> into <paramref name="into"/> when it is there (Artillery's
    /// <c>strict: false</c>). A missing or <c>null</c> value records no error, fails neither the request nor the flow, and
    /// leaves the variable unset: later steps that use <c>{into}</c> are skipped, as after any unset variable, and
    /// the scenario then counts as failed (a skipped step is not a completed flow); steps that do not use it run.
    /// </summary>
    /// <param name="path">JSON path, e.g. <c>$.items[0].id</c>.</param>
    /// <param name="into">Variable name.</param>
    public TSelf CaptureOptional(string path, string into) => AddCapture(nameof(CaptureOptional), path, into, required: false);

    private TSelf AddCapture(string method, string path, string into, bool required)
    {
        if (!VariableNames.IsValid(into))
        {
            _problems.Add($"{method}('{path}'): variable name '{into}' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)");
        }
        else if (TryPath(path) is { } parsed)
        {
            _captures.Add((parsed, into, required));
        }

        return (TSelf)this;
    }

    private protected void AddProblem(string problem) => _problems.Add(problem);

    private protected void AddCheck(ResponseCheck check) => _checks.Add(check);

    private JsonPath? TryPath(string path)
    {
        if (JsonPath.TryParse(path, out var parsed, out var problem))
        {
            return parsed;
        }

        _problems.Add(problem);
        return null;
    }
}
