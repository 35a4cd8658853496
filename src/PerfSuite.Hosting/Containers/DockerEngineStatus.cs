namespace PerfSuite.Hosting.Containers;

/// <summary>Whether a Docker engine answers (see <see cref="DockerEngine.ProbeAsync"/>).</summary>
/// <param name="Available">True when the engine answered and Testcontainers, with the user's settings, can use it.</param>
/// <param name="Description">The engine and its version when available; otherwise why none is and what to do (a skip reason).</param>
/// <param name="ApiVersion">The engine's API version, e.g. <c>1.41</c>; <c>null</c> when unavailable.</param>
public sealed record DockerEngineStatus(bool Available, string Description, string? ApiVersion);
