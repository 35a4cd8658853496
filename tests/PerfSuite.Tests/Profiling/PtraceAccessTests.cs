using PerfSuite.Hosting.Profiling;

namespace PerfSuite.Tests.Profiling;

public sealed class PtraceAccessTests
{
    public static TheoryData<PtraceAccess, string?> Cases => new()
    {
        { new PtraceAccess(null, IsRoot: false, HasSysPtrace: false), null },
        { new PtraceAccess(0, IsRoot: false, HasSysPtrace: false), null },
        { new PtraceAccess(1, IsRoot: true, HasSysPtrace: false), null },
        { new PtraceAccess(1, IsRoot: false, HasSysPtrace: true), null },
        { new PtraceAccess(1, IsRoot: false, HasSysPtrace: false), "ptrace_scope is 1" },
        { new PtraceAccess(2, IsRoot: false, HasSysPtrace: true), null },
        { new PtraceAccess(2, IsRoot: true, HasSysPtrace: false), "root in a container without the capability" },
        { new PtraceAccess(3, IsRoot: true, HasSysPtrace: true), "ptrace is disabled on this machine until reboot" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Problem_explains_a_refused_attach_and_is_null_when_allowed(PtraceAccess access, string? expected)
    {
        var problem = access.Problem();

        if (expected is null)
        {
            problem.Should().BeNull();
        }
        else
        {
            problem.Should().Contain(expected);
        }
    }

    [Fact]
    public void A_refusal_names_the_SYS_PTRACE_capability_and_how_to_grant_it()
    {
        var access = new PtraceAccess(2, IsRoot: false, HasSysPtrace: false);

        var problem = access.Problem();

        problem.Should().Contain("CAP_SYS_PTRACE").And.Contain("--cap-add SYS_PTRACE").And.Contain("sudo");
    }

    [Fact]
    public void Read_reports_what_proc_says_about_this_process()
    {
        var status = File.ReadAllText("/proc/self/status");

        var access = PtraceAccess.Read();

        access.IsRoot.Should().Be(status.Split('\n').Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[2] == "0");
        access.YamaScope.HasValue.Should().Be(File.Exists("/proc/sys/kernel/yama/ptrace_scope"));
    }
}
