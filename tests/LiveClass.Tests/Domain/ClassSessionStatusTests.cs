using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionStatusTests
{
    private const string Instructor = ClassHarness.InstructorId;

    [Fact]
    public void A_class_goes_lobby_live_paused_live_ended_with_one_event_each()
    {
        var session = new ClassHarness().Session;
        Assert.Equal(ClassStatus.Lobby, session.Status);

        var started = session.Start(Instructor);
        var paused = session.Pause(Instructor);
        var resumed = session.Resume(Instructor);
        var ended = session.End(Instructor);

        Assert.Equal(
            [ClassStatus.Live, ClassStatus.Paused, ClassStatus.Live, ClassStatus.Ended],
            new[] { started, paused, resumed, ended }.Select(e => e.Status!.Value));
        Assert.All([started, paused, resumed, ended], e =>
        {
            Assert.Equal(ClassEventKind.ClassStatusChanged, e.Kind);
            Assert.Equal(Instructor, e.ActorId);
        });
        Assert.Equal(ClassStatus.Ended, session.Snapshot().Status);
        Assert.Equal(ClassStatus.Ended, session.Summary().Status);
    }

    [Theory]
    [InlineData(ClassStatus.Live)]
    [InlineData(ClassStatus.Paused)]
    public void The_instructor_can_end_a_live_or_paused_class(ClassStatus from)
    {
        var harness = new ClassHarness();
        harness.MoveTo(from);

        var ended = harness.Session.End(Instructor);

        Assert.Equal(ClassStatus.Ended, ended.Status);
        Assert.Equal(ClassStatus.Ended, harness.Session.Status);
    }

    public static TheoryData<ClassStatus, string> InvalidTransitions => new()
    {
        { ClassStatus.Live, "start" },
        { ClassStatus.Paused, "start" },
        { ClassStatus.Lobby, "pause" },
        { ClassStatus.Paused, "pause" },
        { ClassStatus.Lobby, "resume" },
        { ClassStatus.Live, "resume" },
        { ClassStatus.Lobby, "end" },
    };

    [Theory]
    [MemberData(nameof(InvalidTransitions))]
    public void A_status_call_that_does_not_fit_the_status_is_invalid(ClassStatus from, string call)
    {
        var harness = new ClassHarness();
        harness.MoveTo(from);

        harness.AssertRejected(ErrorCodes.Invalid, () => Call(harness.Session, call, Instructor));

        Assert.Equal(from, harness.Session.Status);
    }

    [Fact]
    public void In_the_lobby_the_instructor_can_remove_a_family_and_delete_a_message_before_the_start()
    {
        var harness = new ClassHarness();
        var troll = harness.AddParent("Troll");
        var posted = harness.Session.PostChat(troll, "c1", "spam");
        var messageId = Assert.Single(harness.Session.Snapshot().Chat).MessageId;

        Assert.Equal(ClassEventKind.ChatDeleted, harness.Session.DeleteChat(Instructor, messageId).Kind);
        Assert.Equal(ClassEventKind.ParticipantRemoved, harness.Session.Remove(Instructor, troll).Kind);

        Assert.True(posted > 0);
        Assert.Equal(ClassStatus.Lobby, harness.Session.Status);
        Assert.Empty(harness.Session.Snapshot().Chat);
        Assert.DoesNotContain(harness.Session.Snapshot().Participants, p => p.ParticipantId == troll);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("end")]
    public void Status_calls_after_the_end_are_class_ended(string call)
    {
        var harness = new ClassHarness();
        harness.MoveTo(ClassStatus.Ended);

        harness.AssertRejected(ErrorCodes.ClassEnded, () => Call(harness.Session, call, Instructor));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("end")]
    public void A_parent_cannot_change_the_status(string call)
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.MoveTo(call == "resume" ? ClassStatus.Paused : call == "pause" ? ClassStatus.Live : ClassStatus.Lobby);

        harness.AssertRejected(ErrorCodes.Forbidden, () => Call(harness.Session, call, parent));
    }

    private static ClassEvent Call(ClassSession session, string call, string actorId) => call switch
    {
        "start" => session.Start(actorId),
        "pause" => session.Pause(actorId),
        "resume" => session.Resume(actorId),
        "end" => session.End(actorId),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };
}
