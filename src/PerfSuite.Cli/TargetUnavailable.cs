using System.Net.Sockets;
using PerfSuite.Hosting.Targets;

namespace PerfSuite.Cli;

/// <summary>
/// The failures that mean "the target did not answer" (<see cref="ExitCodes.TargetUnavailable"/>): a server that could not
/// start, a connection refused or reset, a request or handshake that timed out.
/// </summary>
internal static class TargetUnavailable
{
    /// <summary>One sentence for <paramref name="exception"/> when it is such a failure; <c>null</c> otherwise.</summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            TargetStartException e => e.Message,
            TargetDidNotAnswerException e => e.Message,
            TimeoutException e => $"timed out: {e.Message}",
            TaskCanceledException e when e.InnerException is TimeoutException or null => "timed out waiting for an answer",
            HttpRequestException e => e.Message,
            SocketException e => $"{e.SocketErrorCode}: {e.Message}",
            IOException e when e.InnerException is SocketException s => $"{s.SocketErrorCode}: {e.Message}",
            HttpIOException e => $"the answer was not valid HTTP ({e.HttpRequestError}): {e.Message}",
            _ => null,
        };
    }
}
