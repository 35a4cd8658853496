using PerfSuite.Hosting.Profiling;

namespace PerfSuite.Tests.Profiling;

public sealed class ProcessDiscoveryTests
{
    public static TheoryData<(int, string)[], int?> Listings => new()
    {
        { [(900, "/usr/bin/python3 -m gunicorn -c gunicorn.conf.py wsgi:app"), (412, "gunicorn: master [queue-api]"), (950, "vim gunicorn.conf.py")], 412 },
        { [(300, "bash"), (301, "/usr/bin/python3 -m flask run")], null },
        { [(77, "grep gunicorn"), (80, "/usr/bin/gunicorn wsgi:app")], 77 },
        { [(5, "GUNICORN")], null },
    };

    [Theory]
    [MemberData(nameof(Listings))]
    public void The_lowest_pid_whose_command_line_contains_the_text_is_chosen_like_pgrep_f_head_n_1((int, string)[] processes, int? expected)
    {
        var found = ProcessDiscovery.FirstMatching(processes, "gunicorn", excludedPid: -1);

        found.Should().Be(expected);
    }

    [Fact]
    public void The_caller_itself_is_never_chosen()
    {
        var found = ProcessDiscovery.FirstMatching([(10, "dotnet test --filter gunicorn"), (20, "gunicorn wsgi:app")], "gunicorn", excludedPid: 10);

        found.Should().Be(20);
    }

    [Fact]
    public void A_real_process_is_found_by_a_word_of_its_command_line()
    {
        var marker = $"perfsuite-discovery-{Guid.NewGuid():N}";
        using var python = SleepingPython.Start(marker);

        var found = ProcessDiscovery.FirstMatching(marker);

        found.Should().Be(python.Pid);
    }
}
