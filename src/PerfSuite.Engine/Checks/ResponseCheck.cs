namespace PerfSuite.Engine.Checks;

/// <summary>One named check of a response; a failure is recorded as <c>check:&lt;Name&gt;</c> and fails the request.</summary>
/// <param name="Name">The check's name in the reports.</param>
/// <param name="Passes">True when the response passes; must not throw for a body that is not JSON.</param>
internal sealed record ResponseCheck(string Name, Func<ResponseBody, bool> Passes);
