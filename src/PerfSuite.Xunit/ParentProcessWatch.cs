using System.Globalization;

namespace PerfSuite.Xunit;

/// <summary>
/// Notices when this process's parent is gone (on Linux, the parent PID changes: the process was re-parented). A test host
/// whose <c>dotnet test</c> was interrupted or killed is such an orphan: nobody reads its results any more, so its load
/// runs must stop instead of loading the server to the end.
/// </summary>
internal sealed class ParentProcessWatch : IDisposable
{
    private static readonly Lazy<ParentProcessWatch> Shared = new(() => new ParentProcessWatch(ReadParentId, TimeProvider.System, TimeSpan.FromMilliseconds(250)));
    private readonly CancellationTokenSource _gone = new();
    private readonly Func<int?> _readParentId;
    private readonly int? _parentId;
    private readonly ITimer? _timer;

    /// <summary>Starts watching.</summary>
    /// <param name="readParentId">Reads the current parent PID; <c>null</c> where it cannot be read (the watch then never fires).</param>
    /// <param name="time">The clock of the polling timer.</param>
    /// <param name="interval">How often the parent is checked.</param>
    public ParentProcessWatch(Func<int?> readParentId, TimeProvider time, TimeSpan interval)
    {
        _readParentId = readParentId;
        _parentId = readParentId();
        if (_parentId is not null)
        {
            _timer = time.CreateTimer(_ => Check(), null, interval, interval);
        }
    }

    /// <summary>The watch of this process, started on first use.</summary>
    public static ParentProcessWatch Current => Shared.Value;

    /// <summary>Cancelled once the parent is seen gone; never reset.</summary>
    public CancellationToken Gone => _gone.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        _gone.Dispose();
    }

    private void Check()
    {
        if (!_gone.IsCancellationRequested && _readParentId() != _parentId)
        {
            _timer?.Dispose();
            _gone.Cancel();
        }
    }

    private static int? ReadParentId()
    {
        try
        {
            // /proc/self/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
