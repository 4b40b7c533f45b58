using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionRejoinTests
{
    private const int MaxEvents = 1000;

    private static void AddCheckIns(ClassHarness harness, int count)
    {
        var statuses = Enum.GetValues<CheckInStatus>();
        for (var i = 0; i < count; i++)
        {
            harness.Session.CheckIn(ClassHarness.InstructorId, statuses[i % statuses.Length], null);
        }
    }

    /// <summary>Asserts that the rejoin fell back to a snapshot of the class as it is now, with no events.</summary>
    private static void AssertCurrentSnapshot(ClassHarness harness, RejoinResult result)
    {
        Assert.NotNull(result.Snapshot);
        Assert.Equal(harness.Session.Seq, result.Snapshot.Seq);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Rejoin_returns_the_events_after_last_seq_in_order()
    {
        var (harness, parent) = FreshClass.WithParent();
        var lastSeen = harness.Session.Seq;
        harness.Session.Start(ClassHarness.InstructorId);
        harness.Session.PostChat(ClassHarness.InstructorId, "c1", "welcome");
        harness.Session.GoToStep(ClassHarness.InstructorId, 1);
        var dump = harness.Dump();

        var result = harness.Session.Rejoin(parent, lastSeen, MaxEvents);

        Assert.Equal(parent, result.ParticipantId);
        Assert.Equal(ParticipantRole.Parent, result.Role);
        Assert.Null(result.Snapshot);
        Assert.Equal([lastSeen + 1, lastSeen + 2, lastSeen + 3], result.Events.Select(e => e.Seq));
        Assert.Equal(
            [ClassEventKind.ClassStatusChanged, ClassEventKind.ChatPosted, ClassEventKind.StepChanged],
            result.Events.Select(e => e.Kind));
        Assert.Equal(harness.State.Log.TakeLast(3).Take(2), result.Events.Take(2));
        Assert.Equal(harness.Steps[1], result.Events[2].Step);
        Assert.Equal(dump, harness.Dump());
    }

    [Fact]
    public void Rejoin_from_the_current_seq_returns_no_events_and_no_snapshot()
    {
        var (harness, parent) = FreshClass.WithParent();

        var result = harness.Session.Rejoin(parent, harness.Session.Seq, MaxEvents);

        Assert.Null(result.Snapshot);
        Assert.Empty(result.Events);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Rejoin_from_nothing_returns_a_snapshot(long lastSeq)
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.Session.GoToStep(ClassHarness.InstructorId, 3);

        var result = harness.Session.Rejoin(parent, lastSeq, MaxEvents);

        AssertCurrentSnapshot(harness, result);
        Assert.Equal(3, result.Snapshot!.StepIndex);
    }

    [Fact]
    public void Rejoin_from_beyond_the_current_seq_returns_a_snapshot()
    {
        var (harness, parent) = FreshClass.WithParent();

        var result = harness.Session.Rejoin(parent, harness.Session.Seq + 1, MaxEvents);

        AssertCurrentSnapshot(harness, result);
    }

    [Fact]
    public void Rejoin_of_someone_present_adds_no_event()
    {
        var (harness, parent) = FreshClass.WithParent();
        var dump = harness.Dump();

        harness.Session.Rejoin(parent, 0, MaxEvents);
        harness.Session.Rejoin(ClassHarness.InstructorId, 1, MaxEvents);

        Assert.Equal(dump, harness.Dump());
    }

    [Fact]
    public void Rejoin_of_an_unknown_participant_is_forbidden()
    {
        FreshClass.AssertRejects(ErrorCodes.Forbidden, session => session.Rejoin("stranger", 0, MaxEvents));
    }

    [Fact]
    public void The_log_keeps_at_least_the_last_1000_events()
    {
        var (harness, parent) = FreshClass.WithParent();
        Assert.Equal(1000, harness.Limits.EventLogCapacity);

        AddCheckIns(harness, 1400);

        var seq = harness.Session.Seq;
        Assert.InRange(harness.State.Log.Count, 1000, 1250);
        Assert.Equal(seq, harness.State.Log[^1].Seq);
        var result = harness.Session.Rejoin(parent, seq - 1000, MaxEvents);
        Assert.Null(result.Snapshot);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => seq - 1000 + i), result.Events.Select(e => e.Seq));
    }

    [Fact]
    public void Rejoin_from_before_the_log_returns_a_snapshot()
    {
        var (harness, parent) = FreshClass.WithParent();
        var lastSeen = harness.Session.Seq;

        AddCheckIns(harness, 1400);

        Assert.True(harness.State.Log[0].Seq > lastSeen + 1, "the log should have been trimmed");
        var result = harness.Session.Rejoin(parent, lastSeen, MaxEvents);
        AssertCurrentSnapshot(harness, result);
    }

    [Fact]
    public void Rejoin_with_more_missed_events_than_allowed_returns_a_snapshot()
    {
        var (harness, parent) = FreshClass.WithParent();
        var lastSeen = harness.Session.Seq;
        AddCheckIns(harness, 20);

        var result = harness.Session.Rejoin(parent, lastSeen, maxEvents: 10);

        AssertCurrentSnapshot(harness, result);
    }

    [Fact]
    public void An_ended_class_returns_a_snapshot_for_24_hours_then_class_ended()
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.MoveTo(ClassStatus.Ended);
        Assert.Equal(TimeSpan.FromHours(24), harness.Limits.EndedRetention);

        harness.Time.Advance(TimeSpan.FromHours(24));
        var result = harness.Session.Rejoin(parent, 1, MaxEvents);
        Assert.NotNull(result.Snapshot);
        Assert.Equal(ClassStatus.Ended, result.Snapshot.Status);
        Assert.Empty(result.Events);

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        harness.AssertRejected(ErrorCodes.ClassEnded, () => harness.Session.Rejoin(parent, 1, MaxEvents));
    }
}
