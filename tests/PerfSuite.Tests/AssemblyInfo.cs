using System.Runtime.Versioning;

// Targets run under setsid and are inspected through /proc; the suite runs on Linux (CI uses Ubuntu).
[assembly: SupportedOSPlatform("linux")]
