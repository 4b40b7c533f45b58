using LiveClass.Contracts;

namespace LiveClass.Tests.Client;

/// <summary>The .NET client's view of a class: a snapshot, then each kind of event folded in.</summary>
public sealed class ClassMirrorTests
{
    private static readonly Participant Garcias = new("p-1", "The Garcias", ParticipantRole.Parent, true, null);
    private static readonly Participant Okafors = new("p-2", "The Okafors", ParticipantRole.Parent, true, null);

    [Fact]
    public void Every_kind_of_event_changes_the_view_as_the_server_does()
    {
        var mirror = new ClassMirror();
        mirror.ApplySnapshot(Snapshot(seq: 10, participants: [Garcias], chat: [new ChatMessage("m-1", "p-1", "The Garcias", "Hello", 1)]));
        var checkIn = new CheckIn(CheckInStatus.Ready, 0, 20);
        var cue = new Cue(CueKind.Repeat, 3, null, 22);
        var seq = 10L;
        ClassEvent Next(ClassEventKind kind) => new(++seq, 1_000 + seq, kind, "p-1");

        mirror.Apply(Next(ClassEventKind.ParticipantJoined) with { Participant = Okafors });
        mirror.Apply(Next(ClassEventKind.PresenceChanged) with { ParticipantId = "p-1", Online = false });
        mirror.Apply(Next(ClassEventKind.CheckedIn) with { ParticipantId = "p-2", CheckIn = checkIn });
        mirror.Apply(Next(ClassEventKind.ClassStatusChanged) with { Status = ClassStatus.Live });
        mirror.Apply(Next(ClassEventKind.StepChanged) with { StepIndex = 2 });
        mirror.Apply(Next(ClassEventKind.CueGiven) with { Cue = cue });
        mirror.Apply(Next(ClassEventKind.TempoChanged) with { Tempo = new Tempo(30, 23) });
        mirror.Apply(Next(ClassEventKind.ChatPosted) with { Message = new ChatMessage("m-2", "p-2", "The Okafors", "Hi", 24) });
        mirror.Apply(Next(ClassEventKind.ChatDeleted) with { MessageId = "m-1" });
        mirror.Apply(Next(ClassEventKind.ParticipantLeft) with { ParticipantId = "p-1" });

        Assert.Equal(ClassStatus.Live, mirror.Status);
        Assert.Equal(2, mirror.StepIndex);
        Assert.Equal(cue, mirror.Cue);
        Assert.Equal(30, mirror.Tempo!.StrokesPerMinute);
        Assert.Equal(Okafors with { CheckIn = checkIn }, Assert.Single(mirror.Participants));
        Assert.Equal("m-2", Assert.Single(mirror.Chat).MessageId);
        Assert.Equal(20, mirror.LastSeq);
    }

    [Fact]
    public void A_snapshot_replaces_everything_before_it()
    {
        var mirror = new ClassMirror();
        mirror.ApplySnapshot(Snapshot(seq: 3, participants: [Garcias, Okafors], chat: []));
        mirror.Apply(new ClassEvent(4, 1, ClassEventKind.StepChanged, "i", StepIndex: 5));

        mirror.ApplySnapshot(Snapshot(seq: 9, participants: [Okafors], chat: []));

        Assert.True(mirror.HasSnapshot);
        Assert.Equal(0, mirror.StepIndex);
        Assert.Equal(Okafors, Assert.Single(mirror.Participants));
        Assert.Equal(9, mirror.LastSeq);
        Assert.Equal("class-1", mirror.ClassId);
    }

    private static ClassSnapshot Snapshot(long seq, IReadOnlyList<Participant> participants, IReadOnlyList<ChatMessage> chat) =>
        new("class-1", "Baby massage", "Ana", ClassStatus.Lobby, new Routine("r", "Routine", []), 0, null, null,
            participants, chat, seq, 0, "ABC-DEF");
}
