namespace PerfSuite.Hosting.Sessions;

/// <summary>Ready-made <see cref="ISessionOutput"/>s.</summary>
public static class SessionOutput
{
    /// <summary>Discards everything.</summary>
    public static ISessionOutput None { get; } = new Lines(_ => { }, _ => { });

    /// <summary>Live lines and text to <paramref name="write"/> (e.g. standard error); files are not attached anywhere.</summary>
    /// <param name="write">Receives each line or block.</param>
    /// <returns>The output.</returns>
    public static ISessionOutput To(Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new Lines(write, write);
    }

    private sealed class Lines(Action<string> live, Action<string> output) : ISessionOutput
    {
        public void Live(string line) => live(line);

        public void Output(string text) => output(text);

        public void Attach(string path)
        {
        }
    }
}
