using PerfSuite.Engine.Load;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Socket.IO steps whose reply is checked like an HTTP response: without checks any acknowledgement counts as
/// success, <c>{"success":false}</c> included; with <c>m =&gt; m.CheckJson("$.success", true)</c> that ack is the error
/// <c>check:$.success == true</c> and a failed request.
/// </summary>
public static class SocketIoSteps
{
    /// <summary>Emits an event, waits for its acknowledgement (latency = ack round trip) and checks it.</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="eventName">Event name.</param>
    /// <param name="args">Event arguments; string arguments may hold <c>{placeholders}</c>.</param>
    /// <param name="configure">Checks, captures and timeout of the acknowledgement.</param>
    public static ScenarioBuilder EmitWithAck(this ScenarioBuilder builder, string eventName, object?[] args, Action<MessageOptions> configure) =>
        Add(builder, eventName, args, SocketIoEmitMode.Ack, null, configure);

    /// <summary>Emits an event, waits for another event (latency from the emit) and checks that event.</summary>
    /// <param name="builder">The scenario.</param>
    /// <param name="eventName">Event to emit.</param>
    /// <param name="waitFor">Event to wait for.</param>
    /// <param name="args">Arguments of the emitted event.</param>
    /// <param name="configure">Checks, captures and timeout of the awaited event.</param>
    public static ScenarioBuilder EmitAndWaitFor(this ScenarioBuilder builder, string eventName, string waitFor, object?[] args, Action<MessageOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(waitFor);
        return Add(builder, eventName, args, SocketIoEmitMode.WaitForEvent, waitFor, configure);
    }

    private static ScenarioBuilder Add(ScenarioBuilder builder, string eventName, object?[] args, SocketIoEmitMode mode, string? waitFor, Action<MessageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new MessageOptions();
        configure(options);
        var step = new SocketIoEmitStep(eventName, args, mode, waitFor, options.WaitTimeout, options.Checks, options.Captures);
        return builder.Add(step, options.Problems);
    }
}
