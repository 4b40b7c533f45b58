using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionIdleTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(3);

    [Fact]
    public void An_untouched_class_ends_after_three_hours_and_not_before()
    {
        var harness = new ClassHarness();
        Assert.Equal(Idle, harness.Limits.IdleTimeout);
        var dump = harness.Dump();

        harness.Time.Advance(Idle - TimeSpan.FromMilliseconds(1));
        Assert.Null(harness.Session.EndIfIdle());
        Assert.Equal(dump, harness.Dump());

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var ended = harness.Session.EndIfIdle();

        Assert.NotNull(ended);
        Assert.Equal(ClassEventKind.ClassStatusChanged, ended.Kind);
        Assert.Equal(ClassStatus.Ended, ended.Status);
        Assert.Null(ended.ActorId);
        Assert.Equal(ClassStatus.Ended, harness.Session.Status);
        Assert.Null(harness.Session.EndIfIdle());
    }

    [Fact]
    public void Every_event_restarts_the_idle_clock()
    {
        var harness = new ClassHarness();
        harness.Time.Advance(TimeSpan.FromHours(2));
        harness.Session.PostChat(ClassHarness.InstructorId, "c1", "still here");

        harness.Time.Advance(TimeSpan.FromHours(2));
        Assert.Null(harness.Session.EndIfIdle());

        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.NotNull(harness.Session.EndIfIdle());
    }

    [Fact]
    public void A_class_that_was_never_created_never_ends()
    {
        var harness = new ClassHarness(create: false);
        harness.Time.Advance(TimeSpan.FromDays(2));

        Assert.Null(harness.Session.EndIfIdle());
    }
}
