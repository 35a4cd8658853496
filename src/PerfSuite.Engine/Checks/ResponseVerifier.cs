using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.Checks;

/// <summary>Applies a step's checks and captures to a response and records what failed, the same way for HTTP and Socket.IO.</summary>
internal static class ResponseVerifier
{
    /// <summary>Runs every check, records each failure as <c>check:&lt;name&gt;</c>, and returns how many failed.</summary>
    public static int Check(VirtualUser user, int endpointId, ResponseBody body, IReadOnlyList<ResponseCheck> checks)
    {
        var failed = 0;
        for (var i = 0; i < checks.Count; i++)
        {
            if (!checks[i].Passes(body))
            {
                failed++;
                user.Recorder.StepError(endpointId, user.WarmUp, ErrorKind.CheckFailed, checks[i].Name);
            }
        }

        return failed;
    }

    /// <summary>
    /// Sets each captured variable; a missing or <c>null</c> value of a required capture is <c>capture-failed</c> and fails
    /// the flow, of an optional one leaves the variable unset and records nothing.
    /// </summary>
    public static void Capture(VirtualUser user, int endpointId, ResponseBody body, IReadOnlyList<(JsonPath Path, string Into, bool Required)> captures)
    {
        for (var i = 0; i < captures.Count; i++)
        {
            var (path, into, required) = captures[i];
            if (body.TryFind(path, out var value) && value.ValueKind is not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined))
            {
                user.SetVariable(into, VariableValue.FromJson(value));
            }
            else if (!required)
            {
                user.UnsetVariable(into);
            }
            else
            {
                user.MarkCaptureFailed(into);
                user.Recorder.StepError(endpointId, user.WarmUp, ErrorKind.CaptureFailed);
                user.Failed = true;
            }
        }
    }
}
