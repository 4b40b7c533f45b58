using LiveClass.Contracts;

namespace LiveClass.Tests.Grains;

public sealed class FanOutGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    private static IEnumerable<long> Range(long first, long last) =>
        Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i);

    [Fact]
    public async Task An_observer_sees_every_event_once_in_seq_order_under_concurrent_calls()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var grain = created.Grain;
        await grain.JoinAsInstructor(created.InstructorKey);
        var parents = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            parents.Add((await grain.JoinAsParent($"Parent {i}")).ParticipantId);
        }

        var observer = new RecordingObserver();
        var reference = ReferenceTo(observer);
        var start = await grain.Subscribe(TestSilos.A, reference, null, NoConnections);
        Assert.Equal((await grain.GetSnapshot()).Seq, start);

        // 10 families, each sending 5 chat lines (the rate limit) and 5 check-ins, all at once.
        var calls = parents.SelectMany(parent => Enumerable.Range(0, 5).SelectMany(i => new[]
        {
            grain.SendChat(parent, $"chat-{i}", $"line {i}"),
            grain.CheckIn(parent, ((CheckInStatus)(i % 8)).ToString(), null),
        })).ToList();
        var seqs = await Task.WhenAll(calls);

        Assert.Equal(Range(start + 1, start + 100), seqs.Order());
        var events = await observer.WaitForCountAsync(100);
        await Task.Delay(300);
        events = observer.Events;
        Assert.Equal(Range(start + 1, start + 100), events.Select(e => e.Seq));
        Assert.Equal(50, events.Count(e => e.Kind == ClassEventKind.ChatPosted));
        Assert.Equal(50, events.Count(e => e.Kind == ClassEventKind.CheckedIn));
        Assert.All(observer.ClassIds, classId => Assert.Equal(created.ClassId, classId));
        Assert.Equal(start + 100, (await grain.GetSnapshot()).Seq);
    }

    [Fact]
    public async Task Resubscribing_with_an_older_seq_resends_what_was_missed()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var observer = new RecordingObserver();
        var reference = ReferenceTo(observer);
        var start = await grain.Subscribe(TestSilos.A, reference, null, NoConnections);
        for (var i = 0; i < 20; i++)
        {
            await grain.CheckIn(instructor, nameof(CheckInStatus.Following), null);
        }

        var last = start + 20;
        Assert.Equal(Range(start + 1, last), (await observer.WaitForCountAsync(20)).Select(e => e.Seq));

        // The bridge says it has only seen up to `missedFrom`. The grain accepts an older cursor once
        // any delivery it still has in flight is done, and answers with the cursor it now has.
        var missedFrom = start + 5;
        var deadline = DateTime.UtcNow + GrainKit.Patience;
        while (await grain.Subscribe(TestSilos.A, reference, missedFrom, NoConnections) != missedFrom)
        {
            Assert.True(DateTime.UtcNow < deadline, "the grain never accepted the older seq");
            await Task.Delay(20);
        }

        var events = await observer.WaitForCountAsync(20 + 15);
        await Task.Delay(300);
        events = observer.Events;
        Assert.Equal(Range(start + 1, last).Concat(Range(missedFrom + 1, last)), events.Select(e => e.Seq));
    }

    [Fact]
    public async Task An_unsubscribed_observer_gets_nothing_more()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var observer = await WatchAsync(grain);
        var seq = await grain.GoToStep(instructor, 1);
        await observer.WaitForCountAsync(1);

        await grain.Unsubscribe(TestSilos.A);
        await grain.GoToStep(instructor, 2);
        await Task.Delay(300);

        Assert.Equal([seq], observer.Events.Select(e => e.Seq));
    }

    [Fact]
    public async Task A_new_subscriber_starts_after_the_current_seq_or_from_the_seq_it_names()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        await grain.GoToStep(instructor, 1);
        await grain.GoToStep(instructor, 2);

        var fromNow = new RecordingObserver();
        var fromStart = new RecordingObserver();
        Assert.Equal(3, await grain.Subscribe(TestSilos.A, ReferenceTo(fromNow), null, NoConnections));
        Assert.Equal(1, await grain.Subscribe(TestSilos.B, ReferenceTo(fromStart), 1, NoConnections));
        await grain.GoToStep(instructor, 3);

        Assert.Equal([4L], (await fromNow.WaitForCountAsync(1)).Select(e => e.Seq));
        Assert.Equal([2L, 3L, 4L], (await fromStart.WaitForCountAsync(3)).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_silo_id_that_is_not_a_silo_address_is_refused()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var reference = ReferenceTo(new RecordingObserver());

        var subscribe = await Assert.ThrowsAsync<ArgumentException>(() => grain.Subscribe("silo-test", reference, null, NoConnections));
        var report = await Assert.ThrowsAsync<ArgumentException>(() => grain.ReportPresence("silo-test", instructor, 1));

        Assert.Contains("'silo-test' is not a silo address", subscribe.Message);
        Assert.Contains("'silo-test' is not a silo address", report.Message);
    }
}
