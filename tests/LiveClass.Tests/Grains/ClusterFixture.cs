using LiveClass.Grains;
using LiveClass.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace LiveClass.Tests.Grains;

/// <summary>
/// One in-process silo with memory storage for the grain tests, shared by every test class of the
/// <see cref="ClusterCollection"/>. Presence has a short grace period so that tests can wait it out.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan PresenceGracePeriod = TimeSpan.FromSeconds(1);

    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>The calls the silo's grains have received, by grain interface.</summary>
    public GrainCalls Calls { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLiveClassGrains();
            silo.AddInMemoryGrainStorage(StorageNames.Classes);
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter(Calls.Count);
            silo.AddGrainStorageAlias(StorageNames.Rosters, StorageNames.Classes);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.Configure<RealtimeOptions>(options => options.PresenceGracePeriod = PresenceGracePeriod);
        });

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
