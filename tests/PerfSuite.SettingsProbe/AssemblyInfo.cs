using System.Runtime.Versioning;

// The container targets it starts run on Linux only (PerfSuite.Hosting).
[assembly: SupportedOSPlatform("linux")]
