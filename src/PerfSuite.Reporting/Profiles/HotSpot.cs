namespace PerfSuite.Reporting.Profiles;

/// <summary>One function of a profile and how much of it the server spent there.</summary>
/// <param name="Function">The frame as py-spy names it, file and line kept, e.g. <c>citizens (queue_api/routes.py:237)</c>.</param>
/// <param name="OwnSamples">Samples in which this frame was the leaf (the function itself was running).</param>
/// <param name="TotalSamples">Samples in which this frame was anywhere on the stack (counted once per sample, recursion included).</param>
/// <param name="OwnShare">OwnSamples / the profile's samples, 0..1.</param>
/// <param name="TotalShare">TotalSamples / the profile's samples, 0..1.</param>
public sealed record HotSpot(string Function, long OwnSamples, long TotalSamples, double OwnShare, double TotalShare);
