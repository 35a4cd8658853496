using System.Runtime.Versioning;

// The fixtures library (launcher, Socket.IO client) is Linux-only, like the suite.
[assembly: SupportedOSPlatform("linux")]
