using System.Runtime.Versioning;

// The suite runs against targets started under setsid on Linux (see PerfSuite.Fixtures).
[assembly: SupportedOSPlatform("linux")]
