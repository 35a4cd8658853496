namespace PerfSuite.Artillery;

/// <summary>A JavaScript processor function a script names, and where.</summary>
/// <param name="Name">Function name, e.g. <c>setToken</c>.</param>
/// <param name="Kind">How the script uses it: <c>beforeRequest</c>, <c>afterResponse</c>, <c>beforeScenario</c>, <c>afterScenario</c> or <c>function</c>.</param>
/// <param name="Reference">Where the script names it (<c>file:line:column</c>).</param>
/// <param name="Definition">Where the processor defines it (<c>file:line:column</c>), or <c>null</c> when it was not found.</param>
public sealed record ArtilleryHook(string Name, string Kind, string Reference, string? Definition)
{
    /// <summary>E.g. <c>beforeRequest hook 'setToken' (csr.yaml:12:5, defined at processor.js:3:1)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Kind} hook '{Name}' ({Reference}{(Definition is null ? ", not found in the processor" : ", defined at " + Definition)})";
}
