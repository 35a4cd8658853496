using System.Runtime.Versioning;

// The engine and the targets it drives are Linux-only (see PerfSuite.Fixtures); the scenarios run with them.
[assembly: SupportedOSPlatform("linux")]
