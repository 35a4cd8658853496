namespace PerfSuite.Reporting.Profiles;

/// <summary>Whose code a profile's frame is, for the reviewer's split of the hot spots.</summary>
public enum CodeKind
{
    /// <summary>The team's own code (configurable module prefixes; default: neither the standard library, a known framework, site-packages nor the event loop).</summary>
    YourCode,

    /// <summary>The standard library and the frameworks (Flask, werkzeug, gunicorn, Socket.IO, ...).</summary>
    Framework,

    /// <summary>The event loop at work (eventlet, gevent, greenlet, asyncio): switching, sending, reading.</summary>
    EventLoop,

    /// <summary>The event loop (or gunicorn's master) waiting for something to do: idle, not a hot spot.</summary>
    Idle,
}

/// <summary>
/// Sorts py-spy frames (<c>function (file:line)</c>, file as py-spy shortens it: <c>flask/app.py</c>,
/// <c>queue_api/routes.py</c>, <c>&lt;frozen runpy&gt;</c>) into <see cref="CodeKind"/>s.
/// </summary>
public sealed class CodeClassifier
{
    /// <summary>The variable listing the team's module prefixes, comma-separated (e.g. <c>queue_api/,wsgi.py</c>).</summary>
    public const string YourCodeVariable = "PERF_YOUR_CODE";

    private static readonly HashSet<string> EventLoopModules = new(StringComparer.Ordinal)
    {
        "eventlet", "gevent", "greenlet", "asyncio", "uvloop", "tornado", "trio", "anyio", "twisted", "selectors",
    };

    private static readonly HashSet<string> FrameworkModules = new(StringComparer.Ordinal)
    {
        // Frameworks and libraries that servers like the reference API run on.
        "flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker", "gunicorn", "engineio", "socketio",
        "flask_socketio", "simple_websocket", "wsproto", "h11", "h2", "jwt", "sqlalchemy", "alembic", "django", "fastapi",
        "starlette", "uvicorn", "pydantic", "pydantic_core", "requests", "urllib3", "certifi", "idna", "charset_normalizer",
        "dns", "psycopg2", "psycopg", "pymysql", "MySQLdb", "redis", "celery", "kombu", "boto3", "botocore", "six", "attr",
        "attrs", "yaml", "ujson", "orjson", "simplejson", "bidict", "pkg_resources", "setuptools", "importlib_metadata",
        "zipp", "typing_extensions", "newrelic", "ddtrace", "sentry_sdk", "opentelemetry", "prometheus_client", "marshmallow",
        "perfsuite_sampler",
        // The standard library's modules and packages.
        "abc", "argparse", "ast", "base64", "bisect", "calendar", "codecs", "collections", "concurrent", "configparser",
        "contextlib", "contextvars", "copy", "copyreg", "csv", "dataclasses", "datetime", "decimal", "dis", "email", "encodings",
        "enum", "errno", "fnmatch", "fractions", "functools", "genericpath", "gettext", "glob", "gzip", "hashlib", "heapq",
        "hmac", "html", "http", "importlib", "inspect", "io", "ipaddress", "itertools", "json", "linecache", "locale",
        "logging", "mimetypes", "multiprocessing", "numbers", "operator", "optparse", "os", "pathlib", "pickle", "platform",
        "posixpath", "pprint", "queue", "random", "re", "runpy", "sched", "secrets", "select", "shlex", "shutil", "signal",
        "site", "socket", "socketserver", "sqlite3", "ssl", "stat", "statistics", "string", "struct", "subprocess",
        "sysconfig", "tarfile", "tempfile", "textwrap", "threading", "time", "token", "tokenize", "traceback", "types",
        "typing", "unicodedata", "urllib", "uuid", "warnings", "weakref", "wsgiref", "xml", "zipfile", "zlib", "_weakrefset",
        "_collections_abc", "_strptime", "_compression", "_pydecimal", "_threading_local", "sre_compile", "sre_parse",
    };

    private readonly IReadOnlyList<string> _yourCodePrefixes;

    /// <summary>A classifier; with <paramref name="yourCodePrefixes"/>, exactly the frames whose file starts with one of them are the team's own.</summary>
    /// <param name="yourCodePrefixes">File prefixes as py-spy prints them (<c>queue_api/</c>, <c>wsgi.py</c>); none for the default.</param>
    public CodeClassifier(IEnumerable<string>? yourCodePrefixes = null) =>
        _yourCodePrefixes = [.. (yourCodePrefixes ?? []).Select(p => p.Trim()).Where(p => p.Length > 0)];

    /// <summary>The default classifier.</summary>
    public static CodeClassifier Default { get; } = new();

    /// <summary>The configured prefixes (empty: the default rule).</summary>
    public IReadOnlyList<string> YourCodePrefixes => _yourCodePrefixes;

    /// <summary>Reads <see cref="YourCodeVariable"/>'s value (comma-separated prefixes); <c>null</c> or blank: the default.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The classifier.</returns>
    public static CodeClassifier Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? Default : new CodeClassifier(value.Split(',', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Whose <paramref name="frame"/> is.</summary>
    /// <param name="frame">A frame, e.g. <c>do_poll (eventlet/hubs/epolls.py:31)</c>.</param>
    /// <returns>The kind.</returns>
    public CodeKind Classify(string frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var (function, file) = Split(frame);
        if (IsIdle(function, file))
        {
            return CodeKind.Idle;
        }

        var top = TopModule(file);
        if (EventLoopModules.Contains(top))
        {
            return CodeKind.EventLoop;
        }

        if (_yourCodePrefixes.Count > 0)
        {
            return _yourCodePrefixes.Any(p => file.StartsWith(p, StringComparison.Ordinal)) ? CodeKind.YourCode : CodeKind.Framework;
        }

        return file.StartsWith('<') || file.Contains("site-packages", StringComparison.Ordinal) || file.Contains("dist-packages", StringComparison.Ordinal)
            || file.Contains("/lib/python", StringComparison.Ordinal) || FrameworkModules.Contains(top)
            ? CodeKind.Framework
            : CodeKind.YourCode;
    }

    /// <summary>Whether <paramref name="frame"/> is idle polling: eventlet's hub <c>do_poll</c>/<c>wait</c>, gevent's hub loop, gunicorn's master asleep, a selector's <c>select</c>.</summary>
    /// <param name="frame">A frame.</param>
    /// <returns>True for idle polling.</returns>
    public static bool IsIdle(string frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var (function, file) = Split(frame);
        return IsIdle(function, file);
    }

    private static bool IsIdle(string function, string file) =>
        (file.StartsWith("eventlet/hubs/", StringComparison.Ordinal) && function is "do_poll" or "wait")
        || (file.StartsWith("gevent/", StringComparison.Ordinal) && file.Contains("hub", StringComparison.Ordinal) && function is "run" or "wait" or "_run_callbacks_idle")
        || (file.StartsWith("gunicorn/arbiter.py", StringComparison.Ordinal) && function == "sleep")
        || (file == "selectors.py" && function is "select" or "poll");

    private static (string Function, string File) Split(string frame)
    {
        var open = frame.LastIndexOf(" (", StringComparison.Ordinal);
        if (open < 0 || !frame.EndsWith(')'))
        {
            return (frame, string.Empty);
        }

        var location = frame[(open + 2)..^1];
        var colon = location.LastIndexOf(':');
        return (frame[..open], colon > 0 ? location[..colon] : location);
    }

    private static string TopModule(string file)
    {
        var slash = file.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? file : file[..slash];
        return first.EndsWith(".py", StringComparison.Ordinal) ? first[..^3] : first;
    }
}
