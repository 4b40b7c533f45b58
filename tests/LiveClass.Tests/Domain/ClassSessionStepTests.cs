using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionStepTests
{
    private const string Instructor = ClassHarness.InstructorId;

    [Fact]
    public void GoToStep_moves_to_the_step_and_sends_it()
    {
        var harness = new ClassHarness();

        var evt = harness.Session.GoToStep(Instructor, 5);

        Assert.Equal(ClassEventKind.StepChanged, evt.Kind);
        Assert.Equal(5, evt.StepIndex);
        Assert.Same(harness.Steps[5], evt.Step);
        Assert.Equal(5, harness.Session.Snapshot().StepIndex);
    }

    [Fact]
    public void A_step_change_is_logged_by_its_index_and_read_back_with_its_step()
    {
        var harness = new ClassHarness();
        var before = harness.Session.Seq;

        harness.Session.GoToStep(Instructor, 5);
        harness.Session.GoToStep(Instructor, 6);

        // The stored log does not repeat the routine's text with every step change.
        Assert.All(harness.State.Log.Where(e => e.Kind == ClassEventKind.StepChanged), e => Assert.Null(e.Step));
        Assert.True(harness.Session.TryGetEventsAfter(before, 10, out var events));
        Assert.Equal([harness.Steps[5], harness.Steps[6]], events.Select(e => e.Step));

        var log = new LiveClass.Grains.Sessions.ClassEventLog(harness.State, harness.Limits.EventLogCapacity, harness.Limits.EventLogSegmentSize);
        var reloaded = new LiveClass.Domain.ClassSession(harness.State, harness.RosterAndChat, log, harness.Limits, harness.Time);
        Assert.True(reloaded.TryGetEventsAfter(before, 10, out var reread));
        Assert.Equal(events, reread);
    }

    [Fact]
    public void The_first_and_the_last_step_can_be_reached()
    {
        var harness = new ClassHarness();
        var last = harness.Steps.Count - 1;

        Assert.Equal(last, harness.Session.GoToStep(Instructor, last).StepIndex);
        Assert.Equal(0, harness.Session.GoToStep(Instructor, 0).StepIndex);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void A_step_outside_the_routine_is_invalid(int index)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.GoToStep(Instructor, index), after: session => session.GoToStep(Instructor, 3));
    }

    [Fact]
    public void The_step_just_past_the_end_is_invalid()
    {
        var harness = new ClassHarness();

        harness.AssertRejected(ErrorCodes.Invalid, () => harness.Session.GoToStep(Instructor, harness.Steps.Count));
    }

    [Theory]
    [InlineData(ClassStatus.Live)]
    [InlineData(ClassStatus.Paused)]
    public void Steps_can_change_while_live_or_paused_without_changing_the_status(ClassStatus status)
    {
        var harness = new ClassHarness();
        harness.MoveTo(status);

        harness.Session.GoToStep(Instructor, 2);

        Assert.Equal(status, harness.Session.Status);
        Assert.Equal(2, harness.Session.Snapshot().StepIndex);
    }
}
