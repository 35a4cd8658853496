using System.Diagnostics;
using PerfSuite.Engine.Load;
using PerfSuite.Engine.Metrics;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Emits an event on the user's Socket.IO connection: fire-and-forget, with an acknowledgement, or followed by an
/// awaited event (registered before the emit so it cannot be missed). Counted as a request with code 0.
/// String arguments may contain <c>{var}</c> placeholders.
/// </summary>
internal sealed class SocketIoEmitStep : FlowStep
{
    private readonly string _eventName;
    private readonly object?[] _args;
    private readonly SocketIoEmitMode _mode;
    private readonly string? _waitFor;
    private readonly TimeSpan? _timeout;

    public SocketIoEmitStep(string eventName, object?[] args, SocketIoEmitMode mode, string? waitFor = null, TimeSpan? timeout = null)
    {
        _eventName = eventName;
        _args = args.Select(a => a is string s && s.Contains('{', StringComparison.Ordinal) ? new VariableTemplate(s) : a).ToArray();
        _mode = mode;
        _waitFor = waitFor;
        _timeout = timeout;
        EndpointName = mode switch
        {
            SocketIoEmitMode.Ack => $"socket.io ack {eventName}",
            SocketIoEmitMode.WaitForEvent => $"socket.io event {waitFor}",
            _ => $"socket.io emit {eventName}",
        };
        RequiredVariables = _args.OfType<VariableTemplate>().SelectMany(t => t.Variables).Distinct(StringComparer.Ordinal).ToList();
    }

    public override string EndpointName { get; }

    public override string EndpointKind => "socket.io";

    public override IReadOnlyList<string> RequiredVariables { get; }

    public override async Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        var connection = user.SocketIo;
        if (connection is null)
        {
            return user.RecordFailure(endpointId, new SocketIoException($"'{EndpointName}' needs an open Socket.IO connection; add SocketIoConnect before it."));
        }

        var args = _args.Select(a => a is VariableTemplate t ? t.Resolve(user.Variables) : a).ToArray();
        using var timeout = new CancellationTokenSource(_timeout ?? user.Options.RequestTimeout, user.Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        long started;
        try
        {
            switch (_mode)
            {
                case SocketIoEmitMode.Ack:
                    started = Stopwatch.GetTimestamp();
                    await connection.EmitWithAckAsync(_eventName, args, linked.Token).ConfigureAwait(false);
                    break;
                case SocketIoEmitMode.WaitForEvent:
                    var wait = connection.WaitForEventAsync(_waitFor!, linked.Token);
                    started = Stopwatch.GetTimestamp();
                    await connection.EmitAsync(_eventName, args, linked.Token).ConfigureAwait(false);
                    await wait.ConfigureAwait(false);
                    break;
                default:
                    started = Stopwatch.GetTimestamp();
                    await connection.EmitAsync(_eventName, args, linked.Token).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (e is SocketIoException or IOException or OperationCanceledException or InvalidOperationException
            or System.Net.WebSockets.WebSocketException)
        {
            user.Recorder.Messages(user.WarmUp, sent: 1, received: 0);
            return user.RecordFailure(endpointId, e);
        }

        user.Recorder.Messages(user.WarmUp, sent: 1, received: _mode == SocketIoEmitMode.FireAndForget ? 0 : 1);
        user.Recorder.Response(endpointId, user.WarmUp, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, 0, RequestOutcome.IsFailure(0, expectedStatus: null));
        return true;
    }
}
