using PerfSuite.Engine.Auth;

namespace PerfSuite.Hosting.Targets;

/// <summary>
/// A server under test: where load goes and, for a local process, which process to profile.
/// Targets know nothing of load.
/// </summary>
public interface ITarget : IAsyncDisposable
{
    /// <summary>Base URL of the server, e.g. <c>http://127.0.0.1:5123</c>, without a trailing slash; valid after <see cref="StartAsync"/>.</summary>
    Uri BaseUri { get; }

    /// <summary>PID of the server's main process when it runs on this machine; <c>null</c> for remote targets.</summary>
    int? ProcessId { get; }

    /// <summary>Starts the server and returns once it is ready; nothing to do for a server that already runs.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task completing when the server answers.</returns>
    Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The credentials the server accepts out of the box (e.g. the reference API's default login), used when the settings
    /// name none; <c>null</c> when the target knows none.
    /// </summary>
    /// <returns>A token provider, or <c>null</c>.</returns>
    ITokenProvider? CreateDefaultTokenProvider() => null;

    /// <summary>
    /// Throws <see cref="TargetStoppedException"/> (with the target's last log lines) when the server stopped after it started,
    /// e.g. its container exited during the run; by default nothing is checked.
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task completing when the server still runs.</returns>
    Task EnsureRunningAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Cancelled when a target that watches its processes sees the server die after <see cref="StartAsync"/> (not when it is
    /// disposed); <see cref="FailureReason"/> then says what happened. <see cref="CancellationToken.None"/> for unwatched targets.
    /// </summary>
    CancellationToken Failed => CancellationToken.None;

    /// <summary>What happened to the server (exit code or signal, and the tail of its log), once <see cref="Failed"/> fired; otherwise <c>null</c>.</summary>
    string? FailureReason => null;
}
