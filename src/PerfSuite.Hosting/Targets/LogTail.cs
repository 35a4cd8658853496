namespace PerfSuite.Hosting.Targets;

/// <summary>Keeps the last <c>capacity</c> lines a process wrote, thread-safe, for error messages.</summary>
internal sealed class LogTail(int capacity)
{
    private readonly Queue<string> lines = new(capacity);
    private readonly Lock gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public string Text()
    {
        lock (gate)
        {
            return lines.Count == 0 ? "(the process wrote nothing)" : string.Join(Environment.NewLine, lines);
        }
    }
}
