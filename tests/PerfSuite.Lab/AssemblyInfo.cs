using System.Runtime.Versioning;

// The reference API runs as a gunicorn process group under setsid: Linux only.
[assembly: SupportedOSPlatform("linux")]
