using System.Globalization;

namespace PerfSuite.Hosting.Profiling;

/// <summary>
/// Whether this process may attach to another one with ptrace, which py-spy needs to read the target's memory.
/// Pure data read from <c>/proc</c> by <see cref="Read"/>; <see cref="Problem"/> explains a refusal.
/// </summary>
/// <param name="YamaScope">
/// <c>/proc/sys/kernel/yama/ptrace_scope</c>: 0 any process of the same user, 1 only descendants (Ubuntu's default),
/// 2 only with CAP_SYS_PTRACE, 3 never; <c>null</c> when the kernel has no Yama module (classic rules, like 0).
/// </param>
/// <param name="IsRoot">The effective user id is 0.</param>
/// <param name="HasSysPtrace">CAP_SYS_PTRACE (bit 19) is in the effective capability set.</param>
public sealed record PtraceAccess(int? YamaScope, bool IsRoot, bool HasSysPtrace)
{
    private const int CapSysPtrace = 19;

    /// <summary>The access of the current process, from <c>/proc/sys/kernel/yama/ptrace_scope</c> and <c>/proc/self/status</c>.</summary>
    /// <returns>What was found; a file that cannot be read counts as absent (no Yama, not root, no capability).</returns>
    public static PtraceAccess Read()
    {
        int? scope = null;
        if (TryReadAllText("/proc/sys/kernel/yama/ptrace_scope") is { } text
            && int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            scope = parsed;
        }

        var status = TryReadAllText("/proc/self/status") ?? string.Empty;
        return new PtraceAccess(scope, IsEffectiveRoot(status), HasEffectiveCapability(status, CapSysPtrace));
    }

    /// <summary>
    /// Why py-spy cannot attach to a process it did not start (the target is not its child), or <c>null</c> when it can.
    /// The message says how to fix it: run as root, grant SYS_PTRACE to the container, or lower <c>ptrace_scope</c>.
    /// </summary>
    /// <returns>A readable reason, or <c>null</c>.</returns>
    public string? Problem()
    {
        const string Fix =
            "py-spy reads the target's memory with ptrace. Run the tests as root (sudo), or in Docker add the capability "
            + "(docker run --cap-add SYS_PTRACE, or in docker-compose 'cap_add: [SYS_PTRACE]'; in Kubernetes "
            + "securityContext.capabilities.add: [SYS_PTRACE])";
        return YamaScope switch
        {
            null or 0 => null,
            1 when IsRoot || HasSysPtrace => null,
            1 => $"kernel.yama.ptrace_scope is 1 (only a process's own children may be traced) and this process is neither root nor has CAP_SYS_PTRACE. {Fix}, or allow it for this session with 'sudo sysctl kernel.yama.ptrace_scope=0'.",
            2 when HasSysPtrace => null,
            2 => $"kernel.yama.ptrace_scope is 2 (only processes with CAP_SYS_PTRACE may trace) and this process does not have it{(IsRoot ? " (root in a container without the capability)" : string.Empty)}. {Fix}.",
            3 => "kernel.yama.ptrace_scope is 3: ptrace is disabled on this machine until reboot; py-spy cannot attach to any process.",
            _ => $"kernel.yama.ptrace_scope is {YamaScope}, which this check does not know; py-spy may be unable to attach. {Fix}.",
        };
    }

    private static bool IsEffectiveRoot(string status)
    {
        // "Uid:\treal\teffective\tsaved\tfilesystem"
        var fields = Field(status, "Uid:")?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: > 1 } && fields[1] == "0";
    }

    private static bool HasEffectiveCapability(string status, int capability) =>
        Field(status, "CapEff:") is { } hex
        && ulong.TryParse(hex.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
        && (mask & (1UL << capability)) != 0;

    private static string? Field(string status, string name) =>
        status.Split('\n').FirstOrDefault(line => line.StartsWith(name, StringComparison.Ordinal))?[name.Length..];

    private static string? TryReadAllText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
