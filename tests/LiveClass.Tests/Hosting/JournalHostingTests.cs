using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Grains.Journal;
using LiveClass.Grains.Sessions;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace LiveClass.Tests.Hosting;

/// <summary>
/// The silo journal is off on the embedded memory store unless configured, and configuration turns
/// it on; there a class writes its state behind, and a class that goes out of memory and comes
/// back has every change.
/// </summary>
public sealed class JournalHostingTests
{
    [Fact]
    public async Task The_embedded_memory_store_writes_class_state_behind_and_configuration_can_turn_the_journal_on()
    {
        await using (var server = await LiveClassServer.StartAsync())
        {
            var journal = server.Services.GetRequiredService<IOptions<JournalOptions>>().Value;
            Assert.False(journal.Enabled);
            Assert.True(journal.WriteBehind);
            Assert.False(server.Services.GetRequiredService<SiloJournal>().Enabled);
        }

        await using (var server = await LiveClassServer.StartAsync("LiveClass:Journal:Enabled=true", "LiveClass:Journal:ChunkInterval=00:00:00.005"))
        {
            var journal = server.Services.GetRequiredService<IOptions<JournalOptions>>().Value;
            Assert.True(journal.Enabled);
            Assert.Equal(TimeSpan.FromMilliseconds(5), journal.ChunkInterval);
        }
    }

    [Fact]
    public async Task A_class_written_behind_stores_every_change_when_it_leaves_memory_and_has_them_when_it_comes_back()
    {
        await using var server = await LiveClassServer.StartAsync("LiveClass:Journal:CheckpointInterval=00:10:00");
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var parent = await ClassClient.ConnectAsync(server.BaseUrl);
        await parent.JoinAsParentAsync(created.JoinCode, "The Garcias");
        await instructor.Hub.StartClass();
        await instructor.Hub.GoToStep(3);
        var chatSeq = await parent.Hub.SendChat("c1", "Thank you");
        await parent.Hub.CheckIn(nameof(CheckInStatus.Sleeping), null);
        var before = await server.SnapshotAsync(created.ClassId);

        // Answered, delivered and held in the class's memory: the stored state is the one written at creation.
        Assert.True((await ReadStoredSeqAsync(server, created.ClassId)) < before.Seq);

        await server.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await ReadStoredSeqAsync(server, created.ClassId) < before.Seq)
        {
            Assert.True(DateTime.UtcNow < deadline, "the class did not write its state when it left memory");
            await Task.Delay(100);
        }

        Assert.Equal(before.Seq, await ReadStoredSeqAsync(server, created.ClassId));

        var after = await server.SnapshotAsync(created.ClassId);
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(3, after.StepIndex);
        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(["Thank you"], after.Chat.Select(m => m.Text));
        Assert.Equal(chatSeq, await parent.Hub.SendChat("c1", "Thank you"));
    }

    private static async Task<long> ReadStoredSeqAsync(LiveClassServer server, string classId)
    {
        var storage = server.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var stored = new GrainState<ClassSessionState>();
        var grain = server.Grains.GetGrain<IClassSessionGrain>(classId).GetGrainId();
        await storage.ReadStateAsync(ClassSessionGrain.StateName, grain, stored);
        return stored.State!.Seq;
    }
}
