using LiveClass.Contracts;
using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

public sealed class PresenceGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    private static readonly TimeSpan Grace = ClusterFixture.PresenceGracePeriod;

    /// <summary>Leeway between the grain's wall clock and the test's stopwatch.</summary>
    private static readonly TimeSpan ClockLeeway = TimeSpan.FromMilliseconds(50);

    private static bool IsPresence(ClassEvent evt, string participantId) =>
        evt.Kind == ClassEventKind.PresenceChanged && evt.ParticipantId == participantId;

    private async Task<(IClassSessionGrain Grain, string Parent, RecordingObserver Observer)> JoinedParentAsync()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        await created.Grain.JoinAsInstructor(created.InstructorKey);
        var parent = (await created.Grain.JoinAsParent("Sam")).ParticipantId;
        var observer = await WatchAsync(created.Grain);
        return (created.Grain, parent, observer);
    }

    private static async Task<bool> IsOnlineAsync(IClassSessionGrain grain, string participantId) =>
        (await grain.GetSnapshot()).Participants.Single(p => p.ParticipantId == participantId).Online;

    /// <summary>Waits out twice the grace period and asserts the family never showed offline.</summary>
    private static async Task AssertStaysOnlineAsync(IClassSessionGrain grain, string parent, RecordingObserver observer)
    {
        await Task.Delay(Grace * 2);

        Assert.DoesNotContain(observer.Events, x => IsPresence(x, parent));
        Assert.True(await IsOnlineAsync(grain, parent));
    }

    [Fact]
    public async Task A_family_shows_offline_only_after_the_grace_period()
    {
        var (grain, parent, observer) = await JoinedParentAsync();
        await grain.ReportPresence(TestSilos.A, parent, 1);
        var seqBefore = (await grain.GetSnapshot()).Seq;

        var disconnectedAt = observer.Now;
        await grain.ReportPresence(TestSilos.A, parent, 0);
        var onlineRightAfter = await IsOnlineAsync(grain, parent);
        var checkedAt = observer.Now;

        var events = await observer.WaitUntilAsync(e => e.Any(x => IsPresence(x, parent)));
        var offline = Assert.Single(events);
        Assert.Equal(ClassEventKind.PresenceChanged, offline.Kind);
        Assert.False(offline.Online);
        Assert.Equal(seqBefore + 1, offline.Seq);
        Assert.True(
            observer.ReceivedAt(offline.Seq) - disconnectedAt >= Grace - ClockLeeway,
            $"offline after {(observer.ReceivedAt(offline.Seq) - disconnectedAt).TotalMilliseconds} ms, before the grace period");
        if (checkedAt - disconnectedAt < Grace - ClockLeeway)
        {
            Assert.True(onlineRightAfter, "the family showed offline within the grace period");
        }

        Assert.False(await IsOnlineAsync(grain, parent));
    }

    [Fact]
    public async Task A_family_that_comes_back_shows_online_again()
    {
        var (grain, parent, observer) = await JoinedParentAsync();
        await grain.ReportPresence(TestSilos.A, parent, 0);
        await observer.WaitUntilAsync(e => e.Any(x => IsPresence(x, parent)));

        await grain.ReportPresence(TestSilos.B, parent, 2);

        var events = await observer.WaitUntilAsync(e => e.Count(x => IsPresence(x, parent)) >= 2);
        Assert.Equal([false, true], events.Where(x => IsPresence(x, parent)).Select(x => x.Online!.Value));
        Assert.True(await IsOnlineAsync(grain, parent));
    }

    [Fact]
    public async Task A_connection_on_another_silo_keeps_a_family_online()
    {
        var (grain, parent, observer) = await JoinedParentAsync();
        await grain.ReportPresence(TestSilos.A, parent, 1);
        await grain.ReportPresence(TestSilos.B, parent, 1);

        await grain.ReportPresence(TestSilos.A, parent, 0);
        await AssertStaysOnlineAsync(grain, parent, observer);
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_period_does_not_flicker()
    {
        var (grain, parent, observer) = await JoinedParentAsync();
        await grain.ReportPresence(TestSilos.A, parent, 1);

        var started = observer.Now;
        await grain.ReportPresence(TestSilos.A, parent, 0);
        await grain.ReportPresence(TestSilos.B, parent, 1);
        if (observer.Now - started >= Grace - ClockLeeway)
        {
            Assert.Skip("the machine was too slow to reconnect within the grace period");
        }

        await AssertStaysOnlineAsync(grain, parent, observer);
    }

    [Fact]
    public async Task A_silo_that_unsubscribes_takes_its_families_offline_after_the_grace_period()
    {
        var (grain, parent, observer) = await JoinedParentAsync();
        var bridge = new RecordingObserver();
        await grain.Subscribe(TestSilos.B, ReferenceTo(bridge), null,
            new Dictionary<string, int> { [parent] = 1 });

        var droppedAt = observer.Now;
        await grain.Unsubscribe(TestSilos.B);

        var events = await observer.WaitUntilAsync(e => e.Any(x => IsPresence(x, parent)));
        var offline = Assert.Single(events);
        Assert.False(offline.Online);
        Assert.True(observer.ReceivedAt(offline.Seq) - droppedAt >= Grace - ClockLeeway, "offline before the grace period");
        Assert.Empty(bridge.Events);
    }
}
