using PerfSuite.Engine.Checks;

namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// Options of a Socket.IO acknowledgement or awaited event, set in the lambda of <see cref="Load.ScenarioBuilder.EmitWithAck"/>
/// and <see cref="Load.ScenarioBuilder.EmitAndWaitFor"/>: e.g. <c>m =&gt; m.CheckJson("$.success", true).Capture("$.room", "room")</c>.
/// JSON paths and body checks read the message's payload: its argument when it has exactly one (the usual case,
/// e.g. <c>{"success":true,"room":"office_1"}</c>), otherwise the array of its arguments (<c>$[1]</c> is the second).
/// </summary>
public sealed class MessageOptions : ResponseOptions<MessageOptions>
{
    internal MessageOptions()
    {
    }

    internal TimeSpan? WaitTimeout { get; private set; }

    /// <summary>How long to wait for the acknowledgement or event; default the run's request timeout.</summary>
    /// <param name="timeout">Greater than zero.</param>
    public MessageOptions Timeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            AddProblem($"Timeout: must be > 0 (was {timeout})");
        }

        WaitTimeout = timeout;
        return this;
    }
}
