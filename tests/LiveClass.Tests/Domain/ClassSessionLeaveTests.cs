using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionLeaveTests
{
    [Fact]
    public void Leaving_takes_a_family_off_the_roster()
    {
        var (harness, parent) = FreshClass.WithParent();

        var evt = harness.Session.Leave(parent)!;

        Assert.Equal(ClassEventKind.ParticipantLeft, evt.Kind);
        Assert.Equal(parent, evt.ParticipantId);
        Assert.Equal(parent, evt.ActorId);
        Assert.DoesNotContain(harness.Session.Snapshot().Participants, p => p.ParticipantId == parent);
        Assert.Equal(0, harness.Session.Summary().ParticipantCount);
    }

    [Fact]
    public void After_leaving_every_call_is_not_joined()
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.Session.Leave(parent);

        harness.AssertRejected(ErrorCodes.NotJoined, () => harness.Session.PostChat(parent, "c1", "hi"));
        harness.AssertRejected(ErrorCodes.NotJoined, () => harness.Session.CheckIn(parent, CheckInStatus.Ready, null));
        harness.AssertRejected(ErrorCodes.NotJoined, () => harness.Session.Leave(parent));
        Assert.Null(harness.Session.SetPresence(parent, online: true));
    }

    [Fact]
    public void An_instructor_who_left_cannot_teach_until_admitted_again()
    {
        var harness = new ClassHarness();
        harness.Session.Leave(ClassHarness.InstructorId);

        harness.AssertRejected(ErrorCodes.NotJoined, () => harness.Session.Start(ClassHarness.InstructorId));
        var joined = harness.Session.AdmitInstructor();
        harness.Session.Start(ClassHarness.InstructorId);

        Assert.Equal(ClassEventKind.ParticipantJoined, joined!.Kind);
        Assert.Equal(ClassStatus.Live, harness.Session.Status);
    }

    [Fact]
    public void Rejoin_after_leaving_brings_the_same_family_back()
    {
        var harness = new ClassHarness();
        var parent = harness.AddParent("Sam");
        harness.Session.CheckIn(parent, CheckInStatus.Sleeping, null);
        harness.Session.SetPresence(parent, online: false);
        harness.Session.Leave(parent);
        var lastSeen = harness.Session.Seq;

        var result = harness.Session.Rejoin(parent, lastSeen, 1000);

        Assert.Equal(parent, result.ParticipantId);
        Assert.Null(result.Snapshot);
        var joined = Assert.Single(result.Events);
        Assert.Equal(lastSeen + 1, joined.Seq);
        Assert.Equal(ClassEventKind.ParticipantJoined, joined.Kind);
        Assert.Equal(
            new Participant(parent, "Sam", ParticipantRole.Parent, true, new CheckIn(CheckInStatus.Sleeping, 0, harness.NowMs)),
            joined.Participant);
        Assert.Single(harness.Session.Snapshot().Participants, p => p.ParticipantId == parent);
        harness.Session.PostChat(parent, "c1", "we are back");
    }

    [Fact]
    public void Rejoin_after_leaving_from_beyond_the_class_seq_returns_a_snapshot()
    {
        var harness = new ClassHarness();
        var parent = harness.AddParent("Sam");
        harness.Session.Leave(parent);
        var beyond = harness.Session.Seq + 1;

        var result = harness.Session.Rejoin(parent, beyond, 1000);

        Assert.Empty(result.Events);
        Assert.NotNull(result.Snapshot);
        Assert.Equal(beyond, result.Snapshot.Seq);
        Assert.Single(result.Snapshot.Participants, p => p.ParticipantId == parent);
    }

    [Fact]
    public void Removing_a_family_revokes_it()
    {
        var (harness, parent) = FreshClass.WithParent();

        var evt = harness.Session.Remove(ClassHarness.InstructorId, parent);

        Assert.Equal(ClassEventKind.ParticipantRemoved, evt.Kind);
        Assert.Equal(parent, evt.ParticipantId);
        Assert.Equal(ClassHarness.InstructorId, evt.ActorId);
        Assert.DoesNotContain(harness.Session.Snapshot().Participants, p => p.ParticipantId == parent);
        harness.AssertRejected(ErrorCodes.Forbidden, () => harness.Session.Rejoin(parent, 0, 1000));
        harness.AssertRejected(ErrorCodes.Forbidden, () => harness.Session.PostChat(parent, "c1", "hi"));
        harness.AssertRejected(ErrorCodes.Forbidden, () => harness.Session.CheckIn(parent, CheckInStatus.Ready, null));
        harness.AssertRejected(ErrorCodes.Forbidden, () => harness.Session.Leave(parent));
        harness.AssertRejected(ErrorCodes.NotFound, () => harness.Session.Remove(ClassHarness.InstructorId, parent));
        Assert.Null(harness.Session.SetPresence(parent, online: true));
    }
}
