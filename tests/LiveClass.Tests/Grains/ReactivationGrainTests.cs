using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Grains.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Grains;

public sealed class ReactivationGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    /// <summary>A started class with its instructor and one family, Sam, joined.</summary>
    private async Task<(CreatedClass Created, IClassSessionGrain Grain, string Instructor, JoinResult Parent)> LiveClassWithSamAsync()
    {
        var (created, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var parent = await grain.JoinAsParent("Sam");
        await grain.StartClass(instructor);
        return (created, grain, instructor, parent);
    }

    [Fact]
    public async Task A_reactivated_class_keeps_its_state_and_seq()
    {
        var (_, grain, instructor, parent) = await LiveClassWithSamAsync();
        await grain.GoToStep(instructor, 4);
        await grain.SendCue(instructor, nameof(CueKind.Repeat), 3, null);
        await grain.SetTempo(instructor, 24);
        var chatSeq = await grain.SendChat(parent.ParticipantId, "client-1", "hello");
        await grain.CheckIn(parent.ParticipantId, nameof(CheckInStatus.Following), null);
        var before = await grain.GetSnapshot();

        await DeactivateAsync(grain);

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
    public async Task A_reactivated_class_keeps_its_recap()
    {
        var (created, grain, instructor, parent) = await LiveClassWithSamAsync();
        await grain.GoToStep(instructor, 3);
        await grain.CheckIn(parent.ParticipantId, nameof(CheckInStatus.NeedHelp), null);
        await grain.EndClass(instructor);
        var before = await grain.GetRecap(created.InstructorKey);

        await DeactivateAsync(grain);

        var after = await grain.GetRecap(created.InstructorKey);
        Assert.Equal(before.Families, after.Families);
        Assert.Equal(before.StartedAt, after.StartedAt);
        Assert.Equal(before.EndedAt, after.EndedAt);
        var step = Assert.Single(after.CheckInsByStep);
        Assert.Equal(3, step.StepIndex);
        Assert.Equal([parent.ParticipantId], Assert.Single(step.Counts).ParticipantIds);
        Assert.Equal("Sam", Assert.Single(after.Families).DisplayName);
    }

    [Fact]
    public async Task A_long_class_stores_its_older_events_in_segments_and_serves_them_after_reactivation()
    {
        var (_, grain, instructor, parent) = await LiveClassWithSamAsync();
        var steps = parent.Snapshot.Routine.Steps.Count;
        await Task.WhenAll(Enumerable.Range(0, 450).Select(i => grain.GoToStep(instructor, i % steps)));
        var before = await grain.GetSnapshot();

        await DeactivateAsync(grain);

        var stored = await ReadStoredAsync(grain);
        Assert.Equal(before.Seq, stored.Seq);
        Assert.InRange(stored.Log.Count, 0, new ClassLimits().EventLogSegmentSize - 1);
        Assert.NotEmpty(stored.LogSegments);
        Assert.Equal(stored.LogSegments[^1].LastSeq + 1, stored.Log.Count > 0 ? stored.Log[0].Seq : stored.Seq + 1);

        var rejoined = await grain.Rejoin(parent.ParticipantId, parent.Snapshot.Seq);
        Assert.Null(rejoined.Snapshot);
        Assert.Equal(
            Enumerable.Range(1, (int)(before.Seq - parent.Snapshot.Seq)).Select(i => parent.Snapshot.Seq + i),
            rejoined.Events.Select(e => e.Seq));
        Assert.Equal(before.StepIndex, rejoined.Events.Last(e => e.Kind == ClassEventKind.StepChanged).StepIndex);
        Assert.Equal(before.Seq + 1, await grain.GoToStep(instructor, 0));
    }

    [Fact]
    public async Task A_class_writes_its_segments_itself_as_the_records_the_segment_grain_reads()
    {
        var (created, grain, instructor, parent) = await LiveClassWithSamAsync();
        var steps = parent.Snapshot.Routine.Steps.Count;
        await Task.WhenAll(Enumerable.Range(0, 2 * new ClassLimits().EventLogSegmentSize).Select(i => grain.GoToStep(instructor, i % steps)));
        var first = (await ReadStoredAsync(grain)).LogSegments[0];

        Assert.Equal(0, Fixture.Calls.To<IClassLogSegmentGrain>());

        // A silo of an earlier version reads the same record through the segment's grain.
        var segmentGrain = Grains.GetGrain<IClassLogSegmentGrain>(LogSegmentKey.For(created.ClassId, first));
        Assert.Equal(GrainStorageLogSegment.IdFor(created.ClassId, first), segmentGrain.GetGrainId());
        Assert.Equal(
            Enumerable.Range(0, first.Count).Select(i => first.FirstSeq + i),
            (await segmentGrain.Load()).Select(e => e.Seq));
    }

    [Fact]
    public async Task Roster_and_chat_are_stored_apart_every_segment_and_brought_up_to_date_after_reactivation()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var sam = await grain.JoinAsParent("Sam");
        var alex = await grain.JoinAsParent("Alex");
        await grain.StartClass(instructor);
        var segment = new ClassLimits().EventLogSegmentSize;
        for (var i = 0; i < segment; i++)
        {
            await grain.GoToStep(instructor, i % 5);
        }

        var firstSeq = await grain.SendChat(sam.ParticipantId, "sam-1", "first");
        var stored = await ReadStoredAsync<RosterAndChatState>(grain, "rosterAndChat");
        Assert.Equal(3, stored.Roster.Count);
        Assert.Empty((await ReadStoredAsync<ClassSessionState>(grain, "session")).Roster);

        // Changes after the stored roster and chat: only the class's own state, its log and the silo's journal hold them.
        await grain.CheckIn(alex.ParticipantId, nameof(CheckInStatus.Sleeping), null);
        var secondSeq = await grain.SendChat(alex.ParticipantId, "alex-1", "second");
        await grain.Leave(sam.ParticipantId);
        var before = await grain.GetSnapshot();

        await DeactivateAsync(grain);

        // Closing wrote the class's state with every change and no journal to replay.
        var session = await ReadStoredAsync<ClassSessionState>(grain, "session");
        Assert.Empty(session.Roster);
        Assert.Empty(session.Chat);
        Assert.Equal(before.Seq, session.Seq);
        Assert.Null(session.Journal);
        Assert.True(session.Seq > (await ReadStoredAsync<RosterAndChatState>(grain, "rosterAndChat")).Seq);

        var after = await grain.GetSnapshot();
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(CheckInStatus.Sleeping, after.Participants.Single(p => p.ParticipantId == alex.ParticipantId).CheckIn!.Status);
        Assert.Equal(["first", "second"], after.Chat.Select(m => m.Text));
        Assert.Equal(secondSeq, await grain.SendChat(alex.ParticipantId, "alex-1", "second"));
        Assert.Equal("first", (await grain.Rejoin(sam.ParticipantId, 0)).Snapshot!.Chat[0].Text);
        Assert.Equal(firstSeq, await grain.SendChat(sam.ParticipantId, "sam-1", "first"));
    }

    [Fact]
    public async Task A_class_stored_before_version_4_stores_its_roster_and_chat_apart_when_it_activates()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var sam = await grain.JoinAsParent("Sam");
        await grain.StartClass(instructor);
        var chatSeq = await grain.SendChat(sam.ParticipantId, "sam-1", "hello");
        await grain.CheckIn(sam.ParticipantId, nameof(CheckInStatus.Following), null);
        var before = await grain.GetSnapshot();
        await DeactivateAsync(grain);

        // Rewrite what is stored the way version 3 kept it: roster, chat and receipts in the state itself, nothing apart.
        var storage = Storage;
        var session = new GrainState<ClassSessionState>();
        await storage.ReadStateAsync("session", grain.GetGrainId(), session);
        session.State!.Version = 3;
        // Every participant of the snapshot is on the roster, so each entry keeps the default status, Present.
        session.State.Roster = before.Participants.Select(p => new RosterEntry
        {
            ParticipantId = p.ParticipantId,
            DisplayName = p.DisplayName,
            Role = p.Role,
            Online = p.Online,
            CheckIn = p.CheckIn,
        }).ToList();
        session.State.Chat = [.. before.Chat];
        session.State.ChatReceipts = [new ChatReceipt(sam.ParticipantId, "sam-1", chatSeq)];
        await storage.WriteStateAsync("session", grain.GetGrainId(), session);
        var apart = new GrainState<RosterAndChatState>();
        await storage.ReadStateAsync("rosterAndChat", grain.GetGrainId(), apart);
        Assert.False(apart.RecordExists);

        var after = await grain.GetSnapshot();

        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(before.Chat, after.Chat);
        var stored = await ReadStoredAsync<RosterAndChatState>(grain, "rosterAndChat");
        Assert.Equal(before.Seq, stored.Seq);
        Assert.Equal(2, stored.Roster.Count);
        Assert.Equal(chatSeq, await grain.SendChat(sam.ParticipantId, "sam-1", "hello"));
        await grain.GoToStep(instructor, 2);
        var rewritten = await ReadStoredAsync<ClassSessionState>(grain, "session");
        Assert.Equal(ClassSessionState.CurrentVersion, rewritten.Version);
        Assert.Empty(rewritten.Roster);
    }

    [Fact]
    public async Task Tokens_and_join_codes_survive_reactivation()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var (parent, token, participant) = await JoinFamilyAsync(created.Grain);
        var code = Grains.GetGrain<LiveClass.Grains.IJoinCodeGrain>(created.JoinCode);
        Assert.True(await participant.VerifyToken(token.Secret));

        await DeactivateAsync(participant);
        await DeactivateAsync(code);

        Assert.True(await participant.VerifyToken(token.Secret));
        Assert.Equal(created.ClassId, await code.GetClassId());
    }
}
