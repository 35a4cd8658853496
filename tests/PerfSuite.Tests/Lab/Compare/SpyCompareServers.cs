using PerfSuite.Hosting.Targets;
using PerfSuite.Lab.Compare;

namespace PerfSuite.Tests.Lab.Compare;

/// <summary>Records every server the command asks for; any request fails the test's expectation that none is made.</summary>
internal sealed class SpyCompareServers
{
    public List<string> Requested { get; } = [];

    public CompareServers Servers(bool withImages) => new(
        directory =>
        {
            Requested.Add("sources " + directory);
            throw new InvalidOperationException("no server may start in this test");
        },
        withImages ? image =>
        {
            Requested.Add("image " + image);
            throw new InvalidOperationException("no server may start in this test");
        } : null);
}
