using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ReactivationGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task A_reactivated_class_keeps_its_state_and_seq()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var grain = created.Grain;
        var instructor = (await grain.JoinAsInstructor(created.InstructorKey)).ParticipantId;
        var parent = await grain.JoinAsParent("Sam");
        await grain.StartClass(instructor);
        await grain.GoToStep(instructor, 4);
        await grain.SendCue(instructor, CueKind.Repeat, 3, null);
        await grain.SetTempo(instructor, 24);
        var chatSeq = await grain.SendChat(parent.ParticipantId, "client-1", "hello");
        await grain.CheckIn(parent.ParticipantId, CheckInStatus.Following, null);
        var before = await grain.GetSnapshot();

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.False(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out _), "the grain is still active");

        var after = await grain.GetSnapshot();
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(ClassStatus.Live, after.Status);
        Assert.Equal(4, after.StepIndex);
        Assert.Equal(before.Cue, after.Cue);
        Assert.Equal(before.Tempo, after.Tempo);
        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(before.Chat, after.Chat);
        Assert.Equal(before.JoinCode, after.JoinCode);

        Assert.Equal(chatSeq, await grain.SendChat(parent.ParticipantId, "client-1", "hello"));
        Assert.Equal(before.Seq + 1, await grain.GoToStep(instructor, 5));

        var rejoined = await grain.Rejoin(parent.ParticipantId, parent.Snapshot.Seq);
        Assert.Null(rejoined.Snapshot);
        Assert.Equal(
            Enumerable.Range(1, (int)(before.Seq + 1 - parent.Snapshot.Seq)).Select(i => parent.Snapshot.Seq + i),
            rejoined.Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task A_long_class_stores_its_older_events_in_segments_and_serves_them_after_reactivation()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var grain = created.Grain;
        var instructor = (await grain.JoinAsInstructor(created.InstructorKey)).ParticipantId;
        var parent = await grain.JoinAsParent("Sam");
        await grain.StartClass(instructor);
        var steps = parent.Snapshot.Routine.Steps.Count;
        await Task.WhenAll(Enumerable.Range(0, 450).Select(i => grain.GoToStep(instructor, i % steps)));
        var before = await grain.GetSnapshot();

        var stored = await ReadStoredAsync(grain);
        Assert.Equal(before.Seq, stored.Seq);
        Assert.InRange(stored.Log.Count, 0, new ClassLimits().EventLogSegmentSize - 1);
        Assert.NotEmpty(stored.LogSegments);
        Assert.Equal(stored.LogSegments[^1].LastSeq + 1, stored.Log.Count > 0 ? stored.Log[0].Seq : stored.Seq + 1);

        await fixture.Cluster.DeactivateAsync(grain);

        var rejoined = await grain.Rejoin(parent.ParticipantId, parent.Snapshot.Seq);
        Assert.Null(rejoined.Snapshot);
        Assert.Equal(
            Enumerable.Range(1, (int)(before.Seq - parent.Snapshot.Seq)).Select(i => parent.Snapshot.Seq + i),
            rejoined.Events.Select(e => e.Seq));
        Assert.Equal(before.StepIndex, rejoined.Events.Last(e => e.Kind == ClassEventKind.StepChanged).StepIndex);
        Assert.Equal(before.Seq + 1, await grain.GoToStep(instructor, 0));
    }

    [Fact]
    public async Task Tokens_and_join_codes_survive_reactivation()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var parent = await created.Grain.JoinAsParent("Sam");
        var token = GrainKit.ParseToken(parent.RejoinToken);
        var participant = GrainKit.ParticipantOf(Grains, token);
        var code = Grains.GetGrain<LiveClass.Grains.IJoinCodeGrain>(created.JoinCode);
        Assert.True(await participant.VerifyToken(token.Secret));

        await fixture.Cluster.DeactivateAsync(participant);
        await fixture.Cluster.DeactivateAsync(code);

        Assert.True(await participant.VerifyToken(token.Secret));
        Assert.Equal(created.ClassId, await code.GetClassId());
    }

    private async Task<ClassSessionState> ReadStoredAsync(IClassSessionGrain grain)
    {
        var storage = fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);
        var state = new GrainState<ClassSessionState>();
        await storage.ReadStateAsync("session", grain.GetGrainId(), state);
        return state.State ?? throw new InvalidOperationException("nothing is stored for the class");
    }
}
