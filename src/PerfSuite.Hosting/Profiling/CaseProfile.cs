using PerfSuite.Reporting.Profiles;

namespace PerfSuite.Hosting.Profiling;

/// <summary>What one test case's recording yields: the hot spots for its reports (or why there are none) and the files to attach.</summary>
/// <param name="HotSpots">The "Server hot spots" section.</param>
/// <param name="Files">Full paths of <c>profile.svg</c> and <c>profile.txt</c>; empty when nothing was recorded.</param>
public sealed record CaseProfile(ServerHotSpots HotSpots, IReadOnlyList<string> Files);
