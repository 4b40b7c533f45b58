using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionRecapTests
{
    [Fact]
    public void A_familys_time_counts_only_while_it_is_connected_and_ends_with_the_class()
    {
        var harness = new ClassHarness();
        var joinedAt = harness.NowMs;
        var sam = harness.AddParent("Sam");
        harness.MoveTo(ClassStatus.Live);
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        harness.Session.SetPresence(sam, online: false);
        harness.Time.Advance(TimeSpan.FromMinutes(5));
        harness.Session.SetPresence(sam, online: true);
        harness.Time.Advance(TimeSpan.FromMinutes(20));
        harness.Session.End(ClassHarness.InstructorId);
        harness.Time.Advance(TimeSpan.FromMinutes(30));

        var family = Assert.Single(harness.Session.Recap().Families);

        Assert.Equal("Sam", family.DisplayName);
        Assert.Equal(joinedAt, family.FirstJoinedAt);
        Assert.Equal((long)TimeSpan.FromMinutes(30).TotalMilliseconds, family.OnlineMs);
        Assert.Equal(joinedAt + (long)TimeSpan.FromMinutes(35).TotalMilliseconds, family.LastSeenAt);
    }

    [Fact]
    public void A_family_that_left_and_came_back_counts_both_visits()
    {
        var harness = new ClassHarness();
        var sam = harness.AddParent("Sam");
        harness.Time.Advance(TimeSpan.FromMinutes(4));
        harness.Session.Leave(sam);
        harness.Time.Advance(TimeSpan.FromMinutes(10));
        harness.Session.Rejoin(sam, 0, 100);
        harness.Time.Advance(TimeSpan.FromMinutes(6));

        var family = Assert.Single(harness.Session.Recap().Families);

        Assert.Equal((long)TimeSpan.FromMinutes(10).TotalMilliseconds, family.OnlineMs);
        Assert.Equal("Present", family.State);
    }

    [Fact]
    public void Check_ins_are_counted_by_step_and_status_long_after_the_log_forgot_them()
    {
        var harness = new ClassHarness(new ClassLimits { EventLogCapacity = 8, EventLogSegmentSize = 4 });
        var sam = harness.AddParent("Sam");
        var ana = harness.AddParent("Ana");
        harness.MoveTo(ClassStatus.Live);
        harness.Session.CheckIn(sam, CheckInStatus.NeedHelp, 3);
        harness.Session.CheckIn(ana, CheckInStatus.NeedHelp, 3);
        harness.Session.CheckIn(sam, CheckInStatus.NeedHelp, 3);
        for (var i = 0; i < 40; i++)
        {
            harness.Session.GoToStep(ClassHarness.InstructorId, i % 5);
        }

        var step = Assert.Single(harness.Session.Recap().CheckInsByStep);

        Assert.Equal(3, step.StepIndex);
        Assert.Equal(harness.Steps[3].Name, step.StepName);
        var count = Assert.Single(step.Counts);
        Assert.Equal(CheckInStatus.NeedHelp, count.Status);
        Assert.Equal(3, count.Count);
        Assert.Equal([sam, ana], count.ParticipantIds);
    }

    [Fact]
    public void The_recap_is_kept_for_the_ended_class_retention_window_and_no_longer()
    {
        var harness = new ClassHarness();
        harness.MoveTo(ClassStatus.Ended);
        harness.Time.Advance(harness.Limits.EndedRetention);
        Assert.Equal(harness.State.EndedAt + (long)harness.Limits.EndedRetention.TotalMilliseconds, harness.Session.Recap().KeptUntil);

        harness.Time.Advance(TimeSpan.FromSeconds(1));

        var error = Assert.Throws<LiveClassException>(() => harness.Session.Recap());
        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }
}
