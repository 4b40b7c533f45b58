using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionEndedTests
{
    private const string Instructor = ClassHarness.InstructorId;

    private sealed record EndedClass(ClassHarness Harness, string Parent, string MessageId);

    private static readonly Dictionary<string, Action<ClassSession, EndedClass>> Calls = new()
    {
        ["AdmitInstructor"] = (s, _) => s.AdmitInstructor(),
        ["CheckParentCanJoin"] = (s, _) => s.CheckParentCanJoin("Newcomer"),
        ["AdmitParent"] = (s, _) => s.AdmitParent("parent-late", "Newcomer"),
        ["Start"] = (s, _) => s.Start(Instructor),
        ["Pause"] = (s, _) => s.Pause(Instructor),
        ["Resume"] = (s, _) => s.Resume(Instructor),
        ["End"] = (s, _) => s.End(Instructor),
        [nameof(IClassHub.GoToStep)] = (s, _) => s.GoToStep(Instructor, 1),
        ["GiveCue"] = (s, _) => s.GiveCue(Instructor, CueKind.Slow, null, null),
        [nameof(IClassHub.SetTempo)] = (s, _) => s.SetTempo(Instructor, 20),
        ["Remove"] = (s, c) => s.Remove(Instructor, c.Parent),
        [nameof(IClassHub.DeleteChat)] = (s, c) => s.DeleteChat(Instructor, c.MessageId),
        ["PostChat by the instructor"] = (s, _) => s.PostChat(Instructor, "after-end", "still there?"),
        ["PostChat by a parent"] = (s, c) => s.PostChat(c.Parent, "after-end", "still there?"),
        [nameof(IClassHub.CheckIn)] = (s, c) => s.CheckIn(c.Parent, CheckInStatus.Done, null),
        [nameof(IClassHub.Leave)] = (s, c) => s.Leave(c.Parent),
        // The status is checked before the arguments as the client sent them.
        ["GoToStep without an index"] = (s, _) => s.GoToStep(Instructor, null),
        ["GiveCue of an unknown kind"] = (s, _) => s.GiveCue(Instructor, "NoSuchCue", null, null),
        ["SetTempo without a tempo"] = (s, _) => s.SetTempo(Instructor, null),
        ["CheckIn with an unknown status"] = (s, c) => s.CheckIn(c.Parent, "NoSuchStatus", null),
        ["PostChat without a clientMessageId"] = (s, c) => s.PostChat(c.Parent, null, ""),
        ["RequireMember"] = (s, c) => s.RequireMember(c.Parent),
    };

    public static TheoryData<string> CallNames => new(Calls.Keys);

    private static EndedClass EndAClass()
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.Session.Start(Instructor);
        harness.Session.PostChat(parent, "m1", "hello");
        var messageId = harness.LastEvent.Message!.MessageId;
        harness.Session.End(Instructor);
        return new EndedClass(harness, parent, messageId);
    }

    [Theory]
    [MemberData(nameof(CallNames))]
    public void Every_call_after_the_end_is_class_ended(string call)
    {
        var ended = EndAClass();

        ended.Harness.AssertRejected(ErrorCodes.ClassEnded, () => Calls[call](ended.Harness.Session, ended));
    }

    [Fact]
    public void A_removed_family_is_still_forbidden_after_the_end_not_told_the_class_ended()
    {
        var (harness, removed) = FreshClass.WithParent();
        var session = harness.Session;
        session.Start(Instructor);
        session.Remove(Instructor, removed);
        session.End(Instructor);
        var before = harness.Dump();

        harness.AssertRejected(ErrorCodes.Forbidden, () => session.PostChat(removed, "after-end", "still there?"));
        harness.AssertRejected(ErrorCodes.Forbidden, () => session.CheckIn(removed, CheckInStatus.Done, null));
        harness.AssertRejected(ErrorCodes.Forbidden, () => session.Leave(removed));
        harness.AssertRejected(ErrorCodes.Forbidden, () => session.RequireNotRemoved(removed));
        harness.AssertRejected(ErrorCodes.Forbidden, () => session.Rejoin(removed, 0, 1000));
        Assert.Equal(before, harness.Dump());
    }

    [Fact]
    public void Rejoin_still_works_after_the_end_and_returns_a_snapshot()
    {
        var ended = EndAClass();
        var session = ended.Harness.Session;
        var before = ended.Harness.Dump();

        var result = session.Rejoin(ended.Parent, lastSeq: session.Seq - 1, maxEvents: 1000);

        Assert.Equal(ended.Parent, result.ParticipantId);
        Assert.Equal(ParticipantRole.Parent, result.Role);
        Assert.NotNull(result.Snapshot);
        Assert.Equal(ClassStatus.Ended, result.Snapshot.Status);
        Assert.Equal(session.Seq, result.Snapshot.Seq);
        Assert.Empty(result.Events);
        Assert.Equal(before, ended.Harness.Dump());
    }

    [Fact]
    public void Presence_changes_after_the_end_are_ignored()
    {
        var ended = EndAClass();
        var before = ended.Harness.Dump();

        Assert.Null(ended.Harness.Session.SetPresence(ended.Parent, online: false));
        Assert.Null(ended.Harness.Session.EndIfIdle());
        Assert.Equal(before, ended.Harness.Dump());
    }
}
