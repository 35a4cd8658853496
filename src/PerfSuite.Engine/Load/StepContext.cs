using System.Text.Json;
using PerfSuite.Engine.SocketIo;

namespace PerfSuite.Engine.Load;

/// <summary>
/// What a custom step (<see cref="ScenarioBuilder.Step"/>, <see cref="ScenarioBuilder.Do"/>) sees of its virtual user:
/// the user's variables, HTTP client, Socket.IO connection, token, random source and the run's clock. One per user,
/// used by one step at a time; do not keep it beyond the step.
/// </summary>
public sealed class StepContext
{
    private readonly VirtualUser _user;

    internal StepContext(VirtualUser user) => _user = user;

    /// <summary>The virtual user's number in the run, from 0, in start order; the token provider gets the same number.</summary>
    public int UserId => _user.Number;

    /// <summary>The name of the scenario the user is running.</summary>
    public string ScenarioName => _user.Options.Scenarios[_user.ScenarioIndex].Name;

    /// <summary>The run's base URL, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public Uri BaseUri => _user.Options.BaseUri;

    /// <summary>
    /// The user's own HTTP client over its connection pool (the one the built-in steps use), with
    /// <see cref="HttpClient.BaseAddress"/> set to <see cref="BaseUri"/>. Like the built-in steps it sends the run's token
    /// (<c>Authorization: Bearer</c>) unless the request sets its own Authorization header. Its own timeout is off; the
    /// step's cancellation token carries the run's request timeout.
    /// </summary>
    public HttpClient Http => _user.HttpClient;

    /// <summary>The user's Socket.IO connection (opened by <c>SocketIoConnect</c>), or <c>null</c>. A connection set here is closed when the flow ends.</summary>
    public ISocketIoConnection? SocketIo
    {
        get => _user.SocketIo;
        set => _user.SocketIo = value;
    }

    /// <summary>The user's random source, seeded from the run's seed and <see cref="UserId"/>: same seed, same values.</summary>
    public Random Random => _user.Random;

    /// <summary>The run's clock; use it for any waiting, so tests can run the flow in virtual time.</summary>
    public TimeProvider TimeProvider => _user.Options.TimeProvider;

    /// <summary>The run's token for this user (from the token provider), or <c>null</c> when the run is anonymous; cached by the provider.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => _user.GetTokenAsync(cancellationToken);

    /// <summary>The user's variables: starting variables, feed fields and captures so far.</summary>
    public IReadOnlyDictionary<string, VariableValue> Variables => _user.Variables;

    /// <summary>The text of a variable.</summary>
    /// <param name="name">Variable name.</param>
    /// <exception cref="KeyNotFoundException">The variable is not set; the message names it and the ones that are.</exception>
    public string this[string name] => _user.Variables.TryGetValue(name, out var value)
        ? value.Text
        : throw new KeyNotFoundException($"variable '{name}' is not set (set: {string.Join(", ", _user.Variables.Keys.Order(StringComparer.Ordinal))})");

    /// <summary>The text of a variable, if it is set.</summary>
    /// <param name="name">Variable name.</param>
    /// <param name="value">Its text.</param>
    public bool TryGet(string name, out string value)
    {
        var found = _user.Variables.TryGetValue(name, out var variable);
        value = found ? variable.Text : string.Empty;
        return found;
    }

    /// <summary>Sets a text variable for the rest of the flow (<c>{name}</c> in later steps).</summary>
    /// <param name="name">Variable name: a letter or <c>_</c>, then letters, digits, <c>_</c>, <c>.</c> or <c>-</c>.</param>
    /// <param name="value">Its text.</param>
    public void Set(string name, string value) => Set(name, VariableValue.FromString(value));

    /// <summary>Sets a variable from a JSON value (a number stays a number in JSON bodies).</summary>
    /// <param name="name">Variable name.</param>
    /// <param name="value">The JSON value.</param>
    public void Set(string name, JsonElement value) => Set(name, VariableValue.FromJson(value));

    /// <summary>Fills <c>{name}</c> placeholders of <paramref name="template"/> with the variables' text, unescaped.</summary>
    /// <param name="template">Text with placeholders, e.g. <c>user {email} got {id}</c>.</param>
    /// <exception cref="KeyNotFoundException">A placeholder names a variable that is not set.</exception>
    public string Resolve(string template)
    {
        var parsed = new VariableTemplate(template);
        foreach (var name in parsed.Variables)
        {
            _ = this[name];
        }

        return parsed.Resolve(_user.Variables, escape: false);
    }

    /// <summary>
    /// Fails the step with a named check when <paramref name="passed"/> is false: the step stays timed, its request
    /// counts as failed with the error <c>check:&lt;name&gt;</c>, and the user's flow ends.
    /// </summary>
    /// <param name="name">The check's name in the reports.</param>
    /// <param name="passed">The condition.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Called as ctx.Check(...) next to the other members a step uses.")]
    public void Check(string name, bool passed)
    {
        if (!passed)
        {
            throw new CheckFailedException(name);
        }
    }

    private void Set(string name, VariableValue value)
    {
        if (!VariableNames.IsValid(name))
        {
            throw new ArgumentException($"variable name '{name}' is not valid (letters, digits, '_', '.', '-'; not starting with a digit)", nameof(name));
        }

        _user.SetVariable(name, value);
    }
}
