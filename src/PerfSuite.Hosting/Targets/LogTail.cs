namespace PerfSuite.Hosting.Targets;

/// <summary>Keeps the last <c>capacity</c> lines a process wrote, thread-safe, for error messages.</summary>
internal sealed class LogTail(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    public string Text()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? "(the process wrote nothing)" : string.Join(Environment.NewLine, _lines);
        }
    }
}
