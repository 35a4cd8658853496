namespace PerfSuite.Engine.SocketIo;

/// <summary>
/// A structured Socket.IO event argument written as JSON with <c>{name}</c> placeholders, filled from the user's
/// variables for each emit, e.g. <c>new SocketIoJsonTemplate("""{"room":"office_{office}","id":"{id}"}""")</c>. A string
/// that is exactly <c>"{name}"</c> takes the variable's JSON value (a captured number stays a number); a placeholder
/// inside a longer string is inserted JSON-escaped. Plain strings and other objects are sent as they are.
/// </summary>
/// <param name="Json">The argument as JSON text; after filling in it must be valid JSON.</param>
public sealed record SocketIoJsonTemplate(string Json);
