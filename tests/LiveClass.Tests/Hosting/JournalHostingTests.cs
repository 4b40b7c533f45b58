using LiveClass.Grains.Journal;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveClass.Tests.Hosting;

/// <summary>The silo journal is off on the embedded memory store unless configured, and configuration turns it on.</summary>
public sealed class JournalHostingTests
{
    [Fact]
    public async Task The_embedded_memory_store_writes_class_state_directly_and_configuration_can_turn_the_journal_on()
    {
        await using (var server = await LiveClassServer.StartAsync())
        {
            var journal = server.Services.GetRequiredService<IOptions<JournalOptions>>().Value;
            Assert.False(journal.Enabled);
            Assert.False(server.Services.GetRequiredService<SiloJournal>().Enabled);
        }

        await using (var server = await LiveClassServer.StartAsync("LiveClass:Journal:Enabled=true", "LiveClass:Journal:ChunkInterval=00:00:00.005"))
        {
            var journal = server.Services.GetRequiredService<IOptions<JournalOptions>>().Value;
            Assert.True(journal.Enabled);
            Assert.Equal(TimeSpan.FromMilliseconds(5), journal.ChunkInterval);
        }
    }
}
