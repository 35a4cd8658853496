namespace PerfSuite.Engine.Metrics;

/// <summary>
/// The one definition of a failed request, used by every figure of the summary (and so by reports and budgets):
/// a transport error, a timeout, a status &gt;= 500, a status other than the one the step declared, or a response that
/// failed one of the step's checks (<see cref="ErrorKind.CheckFailed"/>). A request with
/// <see cref="Http.RequestOptions.AnyStatus"/> is failed by no status, only by its checks (or no response).
/// A failed capture is not a failed request (the response arrived); it fails the virtual user's scenario.
/// </summary>
internal static class RequestOutcome
{
    /// <summary>True when a request counts as failed.</summary>
    /// <param name="statusCode">HTTP status (100..599), <c>0</c> for a completed Socket.IO operation, <c>null</c> when no response arrived.</param>
    /// <param name="expectedStatus">The status the step declared, or <c>null</c> when it declared none.</param>
    public static bool IsFailure(int? statusCode, int? expectedStatus) =>
        statusCode is not { } status
        || status >= 500
        || (expectedStatus is { } expected && status != expected);

    /// <summary>True when a request counts as failed: <see cref="IsFailure(int?, int?)"/>, or a check on its response failed.</summary>
    /// <param name="statusCode">HTTP status, <c>0</c> for a Socket.IO operation, <c>null</c> when no response arrived.</param>
    /// <param name="expectedStatus">The status the step declared, or <c>null</c>.</param>
    /// <param name="failedChecks">Number of the step's checks the response failed.</param>
    public static bool IsFailure(int? statusCode, int? expectedStatus, int failedChecks) =>
        failedChecks > 0 || IsFailure(statusCode, expectedStatus);

    /// <summary>
    /// True when the error kind means no response arrived (transport error or timeout), so the request is counted
    /// under <see cref="RunSummary.Errors"/> instead of <see cref="RunSummary.Codes"/>: requests = Σ codes + transport errors.
    /// </summary>
    /// <param name="kind">The error kind.</param>
    public static bool IsTransportError(ErrorKind kind) => kind is not (ErrorKind.CaptureFailed or ErrorKind.UnexpectedStatus or ErrorKind.CheckFailed);
}
