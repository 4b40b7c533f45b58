using LiveClass.Domain;
using LiveClass.Grains.Journal;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveClass.Tests.Storage;

/// <summary>
/// On Azure Storage, where every request is billed, a silo asks for fewer: chunks at most every
/// 100 ms, a class's own state once a minute, log segments of 200 events; configuration still wins.
/// </summary>
public sealed class AzureStorageDefaultsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_silo_on_Azure_Storage_writes_fewer_larger_records_and_configuration_overrides_each()
    {
        await using (var server = await StartServerAsync())
        {
            var journal = server.Services.GetRequiredService<IOptions<JournalOptions>>().Value;
            var limits = server.Services.GetRequiredService<IOptions<ClassLimits>>().Value;
            Assert.True(journal.Enabled);
            Assert.Equal(TimeSpan.FromMilliseconds(100), journal.ChunkInterval);
            Assert.Equal(TimeSpan.FromMinutes(1), journal.CheckpointInterval);
            Assert.Equal(200, limits.EventLogSegmentSize);
            Assert.Equal(new ClassLimits().EventLogCapacity, limits.EventLogCapacity);
        }

        await using (var server = await StartServerAsync(
            "LiveClass:EventLogSegmentSize=30", "LiveClass:Journal:ChunkInterval=00:00:00.010", "LiveClass:Journal:CheckpointInterval=00:00:05"))
        {
            var journal = server.Services.GetRequiredService<IOptions<JournalOptions>>().Value;
            Assert.Equal(TimeSpan.FromMilliseconds(10), journal.ChunkInterval);
            Assert.Equal(TimeSpan.FromSeconds(5), journal.CheckpointInterval);
            Assert.Equal(30, server.Services.GetRequiredService<IOptions<ClassLimits>>().Value.EventLogSegmentSize);
        }

        // The embedded memory store keeps the usual segments.
        await using (var server = await LiveClassServer.StartAsync())
        {
            Assert.Equal(new ClassLimits().EventLogSegmentSize, server.Services.GetRequiredService<IOptions<ClassLimits>>().Value.EventLogSegmentSize);
        }
    }

    private Task<LiveClassServer> StartServerAsync(params string[] settings)
    {
        var names = Guid.NewGuid().ToString("N")[..12];
        return LiveClassServer.StartAsync(
        [
            "Cluster:Storage=AzureStorage",
            $"Cluster:AzureStorage:ConnectionString={azurite.ConnectionString}",
            $"Cluster:AzureStorage:StateTable=State{names}",
            $"Cluster:AzureStorage:StateContainer=rosters-{names}",
            .. settings,
        ]);
    }
}
