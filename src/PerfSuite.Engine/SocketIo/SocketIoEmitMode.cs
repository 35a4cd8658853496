namespace PerfSuite.Engine.SocketIo;

/// <summary>How a Socket.IO emit step completes.</summary>
internal enum SocketIoEmitMode
{
    /// <summary>As soon as the event is sent.</summary>
    FireAndForget,

    /// <summary>When the server acknowledges it (latency = ack round trip).</summary>
    Ack,

    /// <summary>When a named event arrives (latency from the triggering emit).</summary>
    WaitForEvent,
}
