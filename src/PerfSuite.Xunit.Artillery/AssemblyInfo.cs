using System.Runtime.Versioning;

// Targets run under setsid and are inspected through /proc (PerfSuite.Hosting); this front end runs where they do.
[assembly: SupportedOSPlatform("linux")]
