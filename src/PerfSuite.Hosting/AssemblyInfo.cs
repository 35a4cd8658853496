using System.Runtime.Versioning;

// Targets run under setsid and are inspected through /proc; hosting runs on Linux (CI uses Ubuntu). The engine and reporting are portable.
[assembly: SupportedOSPlatform("linux")]
