namespace PerfSuite.Engine.SocketIo;

/// <summary>A packet ready to send: one text frame followed by its binary attachments, in order.</summary>
/// <param name="Text">The Socket.IO packet text (without the Engine.IO <c>4</c> prefix).</param>
/// <param name="Attachments">Binary frames to send right after <paramref name="Text"/>; empty for non-binary packets.</param>
internal sealed record SocketIoEncodedPacket(string Text, IReadOnlyList<byte[]> Attachments);
