using PerfSuite.Tests.Packaging;
using Snapshooter;
using Snapshooter.Xunit3;

namespace PerfSuite.Tests.Approval;

/// <summary>
/// <c>--help</c> of the real <c>perfsuite</c> and <c>perfsuite-lab</c> tools (child processes, so the usage lines name the tools),
/// compared with the approved snapshots in <c>__snapshots__/</c>: the command line is what users depend on, so a change to an
/// option, a description or the exit-code table is a reviewed diff. A mismatch is written to <c>__snapshots__/__mismatch__/</c>.
/// </summary>
public sealed class HelpSnapshotTests
{
    public static TheoryData<string> Commands => new()
    {
        "perfsuite", "perfsuite load", "perfsuite run", "perfsuite compare", "perfsuite merge",
        "perfsuite-lab", "perfsuite-lab serve", "perfsuite-lab socketio-connect", "perfsuite-lab socketio-hold", "perfsuite-lab compare",
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_help_of_each_command_matches_its_approved_snapshot(string command)
    {
        var words = command.Split(' ');

        var (exit, output) = await ProcessRun.RunAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, words[0] + ".dll"), .. words.Skip(1), "--help"], AppContext.BaseDirectory,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(1));

        exit.Should().Be(0, output);
        Snapshot.Match(output.ReplaceLineEndings("\n").Split('\n'), SnapshotNameExtension.Create(command.Replace(' ', '-')));
    }
}
