using System.Runtime.Versioning;

// The suite runs against targets started under setsid on Linux (PerfSuite.Hosting).
[assembly: SupportedOSPlatform("linux")]
