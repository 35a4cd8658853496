using PerfSuite.Hosting.Targets;
using PerfSuite.QueueApi;

namespace PerfSuite.Tests.Targets;

/// <summary>One reference API process shared by the tests of a class; started before the first test, stopped after the last.</summary>
public sealed class QueueApiFixture : IAsyncLifetime
{
    public QueueApiTarget Api { get; } = new QueueApiBuilder().Build();

    public async ValueTask InitializeAsync() => await Api.StartAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
