using System.Diagnostics;
using System.Text.Json;
using PerfSuite.Engine.Checks;
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
    private readonly IReadOnlyList<ResponseCheck> _checks;
    private readonly IReadOnlyList<(JsonPath Path, string Into, bool Required)> _captures;

    public SocketIoEmitStep(
        string eventName,
        object?[] args,
        SocketIoEmitMode mode,
        string? waitFor = null,
        TimeSpan? timeout = null,
        IReadOnlyList<ResponseCheck>? checks = null,
        IReadOnlyList<(JsonPath Path, string Into, bool Required)>? captures = null)
    {
        _checks = checks ?? [];
        _captures = captures ?? [];
        CapturedVariables = _captures.Select(c => c.Into).Distinct(StringComparer.Ordinal).ToList();
        _eventName = eventName;
        _args = args.Select(a => a switch
        {
            string s when s.Contains('{', StringComparison.Ordinal) => new VariableTemplate(s),
            SocketIoJsonTemplate t => new VariableTemplate(t.Json, json: true),
            _ => a,
        }).ToArray();
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

    public override IReadOnlyList<string> CapturedVariables { get; }

    public override async Task<bool> ExecuteAsync(VirtualUser user, int endpointId, CancellationToken cancellationToken)
    {
        var connection = user.SocketIo;
        if (connection is null)
        {
            return user.RecordFailure(endpointId, new SocketIoException($"'{EndpointName}' needs an open Socket.IO connection; add SocketIoConnect before it."));
        }

        var args = _args.Select(a => a is VariableTemplate t ? Resolve(t, user) : a).ToArray();
        using var timeout = new CancellationTokenSource(_timeout ?? user.Options.RequestTimeout, user.Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        long started;
        SocketIoMessage? reply = null;
        try
        {
            switch (_mode)
            {
                case SocketIoEmitMode.Ack:
                    started = Stopwatch.GetTimestamp();
                    reply = await connection.EmitWithAckAsync(_eventName, args, linked.Token).ConfigureAwait(false);
                    break;
                case SocketIoEmitMode.WaitForEvent:
                    var wait = connection.WaitForEventAsync(_waitFor!, linked.Token);
                    started = Stopwatch.GetTimestamp();
                    await connection.EmitAsync(_eventName, args, linked.Token).ConfigureAwait(false);
                    reply = await wait.ConfigureAwait(false);
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

        var microseconds = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        user.Recorder.Messages(user.WarmUp, sent: 1, received: _mode == SocketIoEmitMode.FireAndForget ? 0 : 1);
        if (reply is null || (_checks.Count == 0 && _captures.Count == 0))
        {
            user.Recorder.Response(endpointId, user.WarmUp, microseconds, 0, RequestOutcome.IsFailure(0, expectedStatus: null));
            return true;
        }

        using var payload = new ResponseBody(Payload(reply.Arguments));
        var failedChecks = ResponseVerifier.Check(user, endpointId, payload, _checks);
        user.Recorder.Response(endpointId, user.WarmUp, microseconds, 0, RequestOutcome.IsFailure(0, expectedStatus: null, failedChecks));
        if (failedChecks > 0)
        {
            return false;
        }

        ResponseVerifier.Capture(user, endpointId, payload, _captures);
        return true;
    }

    // A JSON template becomes the JSON value it describes (parsed per emit: only templated arguments pay for it).
    private static object? Resolve(VariableTemplate template, VirtualUser user)
    {
        var text = template.Resolve(user.Variables);
        if (!template.IsJson)
        {
            return text;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>What checks read: the one argument, or the array of arguments when there are none or several.</summary>
    private static JsonElement Payload(JsonElement arguments) =>
        arguments.ValueKind == JsonValueKind.Array && arguments.GetArrayLength() == 1 ? arguments[0] : arguments;
}
