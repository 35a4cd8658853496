namespace PerfSuite.Hosting.Targets;

/// <summary>
/// Safety net: process groups still running when the test host exits (a fixture that never got disposed,
/// a crash in a test) are killed, so no server outlives the run.
/// </summary>
internal static class RunningTargets
{
    private static readonly HashSet<int> Groups = [];
    private static readonly Lock Gate = new();

    static RunningTargets() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public static void Add(int groupId)
    {
        lock (Gate)
        {
            Groups.Add(groupId);
        }
    }

    public static void Remove(int groupId)
    {
        lock (Gate)
        {
            Groups.Remove(groupId);
        }
    }

    private static void KillAll()
    {
        lock (Gate)
        {
            foreach (var group in Groups)
            {
                ProcessGroup.SignalGroup(group, ProcessGroup.SigKill);
            }

            Groups.Clear();
        }
    }
}
