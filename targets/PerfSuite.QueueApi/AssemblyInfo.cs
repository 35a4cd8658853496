using System.Runtime.Versioning;

// The reference API runs as a gunicorn process group under setsid (PerfSuite.Hosting's process target): Linux only.
[assembly: SupportedOSPlatform("linux")]
