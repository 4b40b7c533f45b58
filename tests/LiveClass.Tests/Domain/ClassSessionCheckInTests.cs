using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionCheckInTests
{
    [Fact]
    public void A_check_in_without_a_step_is_for_the_current_step()
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.Session.GoToStep(ClassHarness.InstructorId, 7);

        var evt = harness.Session.CheckIn(parent, CheckInStatus.Following, null);

        Assert.Equal(ClassEventKind.CheckedIn, evt.Kind);
        Assert.Equal(parent, evt.ActorId);
        Assert.Equal(parent, evt.ParticipantId);
        Assert.Equal(new CheckIn(CheckInStatus.Following, 7, harness.NowMs), evt.CheckIn);
        Assert.Equal(evt.CheckIn, harness.Session.Snapshot().Participants.Single(p => p.ParticipantId == parent).CheckIn);
    }

    [Fact]
    public void A_check_in_may_name_another_step()
    {
        var (harness, parent) = FreshClass.WithParent();
        var last = harness.Steps.Count - 1;

        Assert.Equal(last, harness.Session.CheckIn(parent, CheckInStatus.Done, last).CheckIn!.StepIndex);
        Assert.Equal(0, harness.Session.CheckIn(parent, CheckInStatus.Ready, 0).CheckIn!.StepIndex);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(999)]
    public void A_check_in_for_a_step_outside_the_routine_is_invalid(int stepIndex)
    {
        var (harness, parent) = FreshClass.WithParent();

        harness.AssertRejected(ErrorCodes.Invalid, () => harness.Session.CheckIn(parent, CheckInStatus.Done, stepIndex));
    }

    [Fact]
    public void The_latest_check_in_replaces_the_previous_one_and_the_instructor_can_check_in()
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.Session.CheckIn(parent, CheckInStatus.Ready, null);
        harness.Time.Advance(TimeSpan.FromMinutes(2));

        harness.Session.CheckIn(parent, CheckInStatus.NeedHelp, 1);
        harness.Session.CheckIn(ClassHarness.InstructorId, CheckInStatus.Break, null);

        var participants = harness.Session.Snapshot().Participants.ToDictionary(p => p.ParticipantId);
        Assert.Equal(new CheckIn(CheckInStatus.NeedHelp, 1, harness.NowMs), participants[parent].CheckIn);
        Assert.Equal(CheckInStatus.Break, participants[ClassHarness.InstructorId].CheckIn!.Status);
    }
}
