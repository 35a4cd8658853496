namespace PerfSuite.Engine.SocketIo;

/// <summary>Socket.IO v5 packet types; the value is the digit that starts the encoded packet.</summary>
internal enum SocketIoPacketType
{
    /// <summary>Namespace connect request (client) or acknowledgement with <c>{"sid":...}</c> (server).</summary>
    Connect = 0,

    /// <summary>Namespace disconnect.</summary>
    Disconnect = 1,

    /// <summary>Event: a JSON array <c>[name, ...args]</c>.</summary>
    Event = 2,

    /// <summary>Acknowledgement: a JSON array of arguments answering an event with an ack id.</summary>
    Ack = 3,

    /// <summary>The server refused the namespace connection, e.g. <c>{"message":"unauthorized"}</c>.</summary>
    ConnectError = 4,

    /// <summary>Event whose arguments contain binary placeholders, followed by binary attachments.</summary>
    BinaryEvent = 5,

    /// <summary>Acknowledgement whose arguments contain binary placeholders, followed by binary attachments.</summary>
    BinaryAck = 6,
}
