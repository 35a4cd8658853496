using System.Text;
using PerfSuite.Engine.Load;

namespace PerfSuite.Cli.Live;

/// <summary>
/// One status region at the bottom of a terminal, redrawn in place with ANSI cursor-up and clear-below, at most once per
/// <see cref="MinInterval"/> on <paramref name="time"/>: a snapshot that comes sooner is kept and drawn by the next
/// <see cref="Show"/> after the interval, or by <see cref="Release"/>. Thread-safe (the engine calls from a timer thread).
/// </summary>
/// <param name="writer">The terminal (standard error).</param>
/// <param name="title">What runs, the region's first words.</param>
/// <param name="time">The clock of the throttle.</param>
/// <param name="width">The terminal's width in columns, read at each draw.</param>
internal sealed class LiveRegion(TextWriter writer, string title, TimeProvider time, Func<int> width)
{
    /// <summary>The shortest time between two draws.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private LoadProgress? _pending;
    private long _lastDraw;
    private int _drawnLines;
    private bool _everDrawn;

    /// <summary>Draws <paramref name="progress"/> now, or keeps it for later when the last draw was less than <see cref="MinInterval"/> ago.</summary>
    public void Show(LoadProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        lock (_gate)
        {
            _pending = progress;
            if (!_everDrawn || time.GetElapsedTime(_lastDraw) >= MinInterval)
            {
                DrawPending();
            }
        }
    }

    /// <summary>
    /// Before other text goes to the terminal (the run's end, a line of the session): draws the snapshot still pending, then
    /// leaves the region where it is, so that the next <see cref="Show"/> starts a new region below that text.
    /// </summary>
    public void Release()
    {
        lock (_gate)
        {
            DrawPending();
            _drawnLines = 0;
        }
    }

    private void DrawPending()
    {
        if (_pending is not { } progress)
        {
            return;
        }

        var lines = LiveView.Render(title, progress, width());
        var text = new StringBuilder();
        if (_drawnLines > 0)
        {
            // Up to the region's first line, column 1, and clear from there to the end of the screen.
            text.Append("\e[").Append(_drawnLines).Append("A\r\e[J");
        }

        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        writer.Write(text.ToString());
        writer.Flush();
        _drawnLines = lines.Count;
        _pending = null;
        _everDrawn = true;
        _lastDraw = time.GetTimestamp();
    }
}
