namespace PerfSuite.Engine.SocketIo;

/// <summary>One complete websocket message: an Engine.IO text packet or a raw binary attachment.</summary>
/// <param name="Text">The text packet (e.g. <c>2</c>, <c>42["ev"]</c>), or <c>null</c> for a binary frame.</param>
/// <param name="Binary">The binary payload, or <c>null</c> for a text frame.</param>
internal readonly record struct EngineIoFrame(string? Text, byte[]? Binary)
{
    public static EngineIoFrame FromText(string text) => new(text, null);

    public static EngineIoFrame FromBinary(byte[] binary) => new(null, binary);
}
