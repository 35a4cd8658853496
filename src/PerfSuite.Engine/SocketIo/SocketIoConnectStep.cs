using System.Diagnostics;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Opens the user's Socket.IO connection with the <c>oidc-jwt</c> cookie. Latency runs from the call until the
/// connector's task completes, i.e. after the server's CONNECT acknowledgement. Counted as a request with code 0.
/// </summary>
internal sealed class SocketIoConnectStep(string path, IReadOnlyDictionary<string, string> headers) : FlowStep
{
    public override string EndpointName { get; } = $"socket.io connect {path}";

    public override string EndpointKind => "socket.io";

    public override async Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        var options = user.Options;
        var connector = options.SocketIoConnector
            ?? throw new InvalidOperationException("The scenario opens a Socket.IO connection but LoadRunOptions.SocketIoConnector is not set.");
        using var timeout = new CancellationTokenSource(options.RequestTimeout, options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = Stopwatch.GetTimestamp();
        string? traceParent = null;
        try
        {
            var token = await user.GetTokenAsync(linked.Token).ConfigureAwait(false);
            var sent = headers;
            if (options.TraceContext is not null)
            {
                traceParent = Tracing.TraceHeaders.NewTraceParent();
                sent = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase)
                {
                    [Tracing.TraceHeaders.TraceParent] = traceParent,
                    [Tracing.TraceHeaders.Baggage] = user.Recorder.Baggage(endpointId),
                };
            }

            var connectOptions = new SocketIoConnectOptions(options.BaseUri, path)
            {
                Cookies = token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["oidc-jwt"] = token },
                Headers = sent,
            };
            started = Stopwatch.GetTimestamp();
            user.SocketIo = await connector(connectOptions, linked.Token).ConfigureAwait(false);
        }
        catch (SocketIoException e) when (e.HandshakeStatus is { } status)
        {
            // The server answered the upgrade with a status other than 101 (e.g. 404 for a wrong path): the same code an
            // HTTP step would record, and an unexpected one.
            user.Recorder.Response(endpointId, user.WarmUp, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, status, failed: true, traceParent);
            user.Recorder.StepError(endpointId, user.WarmUp, ErrorKind.UnexpectedStatus);
            return false;
        }
        catch (Exception e) when (e is SocketIoException or HttpRequestException or IOException or OperationCanceledException or InvalidOperationException
            or System.Net.WebSockets.WebSocketException)
        {
            return user.RecordFailure(endpointId, e);
        }

        user.Recorder.Response(endpointId, user.WarmUp, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, 0, RequestOutcome.IsFailure(0, expectedStatus: null), traceParent);
        return true;
    }
}
