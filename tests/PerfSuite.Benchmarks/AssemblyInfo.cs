using System.Runtime.Versioning;

// The fixtures library is Linux-only (targets run under setsid); so are its benchmarks and the load command.
[assembly: SupportedOSPlatform("linux")]
