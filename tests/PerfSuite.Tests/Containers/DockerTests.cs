namespace PerfSuite.Tests.Containers;

/// <summary>The tests that start containers run one at a time: each container copies the image's files (vfs storage) on 2 cores.</summary>
[CollectionDefinition(nameof(DockerTests), DisableParallelization = true)]
public sealed class DockerTests;
