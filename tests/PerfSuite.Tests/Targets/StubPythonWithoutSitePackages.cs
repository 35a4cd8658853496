namespace PerfSuite.Tests.Targets;

/// <summary>
/// A stand-in Python interpreter: the real /usr/bin/python3 started with -S, so the Debian packages in
/// dist-packages (flask, gunicorn, ...) are invisible, as on a machine where they were never installed.
/// </summary>
internal static class StubPythonWithoutSitePackages
{
    public static string Create()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("perfsuite-stub-python-").FullName, "python3");
        File.WriteAllText(path, "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
