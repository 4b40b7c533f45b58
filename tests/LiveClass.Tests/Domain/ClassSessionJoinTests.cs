using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionJoinTests
{
    [Fact]
    public void The_instructor_joins_once_however_often_they_are_admitted()
    {
        var harness = new ClassHarness(admitInstructor: false);

        var first = harness.Session.AdmitInstructor();
        var dump = harness.Dump();
        var second = harness.Session.AdmitInstructor();

        Assert.NotNull(first);
        Assert.Equal(ClassEventKind.ParticipantJoined, first.Kind);
        Assert.Equal(new Participant(ClassHarness.InstructorId, ClassHarness.InstructorName, ParticipantRole.Instructor, true, null), first.Participant);
        Assert.Null(second);
        Assert.Equal(dump, harness.Dump());
        Assert.Single(harness.State.Log, e => e.Kind == ClassEventKind.ParticipantJoined);
        Assert.Single(harness.Session.Snapshot().Participants);
    }

    [Fact]
    public void A_parent_joins_online_with_their_trimmed_name()
    {
        var harness = new ClassHarness();

        var evt = harness.Session.AdmitParent("parent-a", "  Sam & baby Noa ");

        Assert.Equal(ClassEventKind.ParticipantJoined, evt.Kind);
        Assert.Equal("parent-a", evt.ActorId);
        Assert.Equal(new Participant("parent-a", "Sam & baby Noa", ParticipantRole.Parent, true, null), evt.Participant);
        Assert.Contains(evt.Participant!, harness.Session.Snapshot().Participants);
        Assert.Equal(1, harness.Session.Summary().ParticipantCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Sam\r\nEvil")]
    [InlineData("12345678901234567890123456789012345678901")]
    public void A_bad_display_name_is_invalid(string? displayName)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.CheckParentCanJoin(displayName));
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.AdmitParent("parent-a", displayName!));
    }

    [Fact]
    public void A_display_name_of_40_characters_is_accepted()
    {
        var harness = new ClassHarness();
        var name = new string('n', 40);

        Assert.Equal(name, harness.Session.CheckParentCanJoin(name));
    }

    [Fact]
    public void Parents_join_up_to_the_maximum_then_the_class_is_full()
    {
        var harness = new ClassHarness();
        Assert.Equal(200, harness.Limits.MaxParents);

        for (var i = 0; i < harness.Limits.MaxParents; i++)
        {
            harness.AddParent($"Parent {i}");
        }

        Assert.Equal(200, harness.Session.Summary().ParticipantCount);
        Assert.Equal(201, harness.Session.Snapshot().Participants.Count);
        harness.AssertRejected(ErrorCodes.ClassFull, () => harness.Session.CheckParentCanJoin("One more"));
        harness.AssertRejected(ErrorCodes.ClassFull, () => harness.Session.AdmitParent("parent-extra", "One more"));
    }

    [Fact]
    public void The_instructor_still_joins_a_full_class()
    {
        var harness = new ClassHarness(new ClassLimits { MaxParents = 2 }, admitInstructor: false);
        harness.AddParent();
        harness.AddParent();

        Assert.NotNull(harness.Session.AdmitInstructor());
    }

    [Fact]
    public void A_family_that_left_or_was_removed_frees_its_place()
    {
        var harness = new ClassHarness(new ClassLimits { MaxParents = 2 });
        var leaving = harness.AddParent();
        var removed = harness.AddParent();
        harness.AssertRejected(ErrorCodes.ClassFull, () => harness.Session.CheckParentCanJoin("Third"));

        harness.Session.Leave(leaving);
        harness.AddParent("Third");
        harness.Session.Remove(ClassHarness.InstructorId, removed);
        harness.AddParent("Fourth");

        Assert.Equal(2, harness.Session.Summary().ParticipantCount);
    }

    [Fact]
    public void A_family_that_left_cannot_rejoin_a_class_that_filled_up()
    {
        var harness = new ClassHarness(new ClassLimits { MaxParents = 1 });
        var leaving = harness.AddParent();
        harness.Session.Leave(leaving);
        harness.AddParent("Newcomer");

        harness.AssertRejected(ErrorCodes.ClassFull, () => harness.Session.Rejoin(leaving, 0, 1000));
    }
}
