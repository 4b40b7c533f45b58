using LiveClass.Domain;
using LiveClass.Tests.Domain;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A class on storage in the silo's own memory writes its state behind: its commits are answered
/// from its memory, and its state, segments, roster and chat are written when the checkpoint is due
/// and when it closes, so that the next activation has every commit.
/// </summary>
public sealed class WriteBehindClassStoreTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Commits_write_nothing_until_the_checkpoint_which_writes_the_state_its_segments_and_roster()
    {
        var limits = new ClassLimits();
        var stored = new StoredClass(limits, _time);
        var (store, session) = await stored.CreateAsync(Interval);
        Assert.Equal(1, stored.Main.Writes);

        session.Start(ClassHarness.InstructorId);
        session.AdmitParent("sam", "Sam");
        for (var i = 0; i < 2 * limits.EventLogSegmentSize; i++)
        {
            session.GoToStep(ClassHarness.InstructorId, i % 5);
            Assert.Equal(session.Seq, await store.WriteAsync());
            await store.TidyAsync();
        }

        Assert.Equal(1, stored.Main.Writes);
        Assert.Empty(stored.Segments);
        Assert.Equal(0, stored.RosterAndChat.Writes);
        Assert.True(store.MustWriteOnClose);
        Assert.False(store.CheckpointDue);

        _time.Advance(Interval);
        Assert.True(store.CheckpointDue);
        store.RequestCheckpoint();
        await StoredClass.WriteAsync(store);

        Assert.Equal(2, stored.Main.Writes);
        var state = stored.Main.Read()!;
        Assert.Equal(session.Seq, state.Seq);
        Assert.Equal(2, state.LogSegments.Count);
        Assert.Equal(2, stored.Segments.Count);
        Assert.Equal(session.Seq, stored.RosterAndChat.Read()!.Seq);
        Assert.False(store.MustWriteOnClose);
        Assert.False(store.CheckpointDue);

        // The next commit starts the interval again.
        session.GoToStep(ClassHarness.InstructorId, 0);
        await StoredClass.WriteAsync(store);
        Assert.Equal(2, stored.Main.Writes);
        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.False(store.CheckpointDue);
    }

    [Fact]
    public async Task A_class_that_closes_after_commits_held_in_memory_is_loaded_with_every_one_of_them()
    {
        var stored = new StoredClass(new ClassLimits(), _time);
        var (store, session) = await stored.CreateAsync(Interval);
        var chatSeq = await StoredClass.RunShortLessonAsync(store, session);
        var before = session.Snapshot();
        Assert.Equal(1, stored.Main.Writes);

        store.Close();
        await StoredClass.WriteAsync(store);
        Assert.Equal(before.Seq, stored.Main.Read()!.Seq);
        Assert.False(store.MustWriteOnClose);

        var loaded = await stored.Open(Interval).LoadAsync();
        var after = loaded.Snapshot();
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(before.StepIndex, after.StepIndex);
        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(["hello"], after.Chat.Select(m => m.Text));
        Assert.Equal(chatSeq, loaded.PostChat("sam", "sam-1", "hello"));
        Assert.True(loaded.TryGetEventsAfter(0, int.MaxValue, out var events));
        Assert.Equal(Enumerable.Range(1, (int)before.Seq).Select(i => (long)i), events.Select(e => e.Seq));
    }

    [Fact]
    public async Task More_events_than_the_log_holds_between_two_writes_leave_a_whole_log_and_roster_once_closed()
    {
        var limits = new ClassLimits { EventLogCapacity = 40, EventLogSegmentSize = 10 };
        var stored = new StoredClass(limits, _time);
        var (store, session) = await stored.CreateAsync(Interval);
        session.Start(ClassHarness.InstructorId);
        session.AdmitParent("sam", "Sam");
        await StoredClass.WriteAsync(store);
        for (var i = 0; i < 200; i++)
        {
            session.GoToStep(ClassHarness.InstructorId, i % 5);
            await StoredClass.WriteAsync(store);
        }

        session.PostChat("sam", "sam-1", "still here");
        await StoredClass.WriteAsync(store);
        var before = session.Snapshot();
        Assert.Equal(1, stored.Main.Writes);

        store.Close();
        await StoredClass.WriteAsync(store);

        var loaded = await stored.Open(Interval).LoadAsync();
        Assert.Equal(before.Seq, loaded.Seq);
        Assert.Equal(before.Participants, loaded.Snapshot().Participants);
        Assert.Equal(["still here"], loaded.Snapshot().Chat.Select(m => m.Text));
        Assert.True(loaded.TryGetEventsAfter(before.Seq - limits.EventLogCapacity, int.MaxValue, out var events));
        Assert.Equal(
            Enumerable.Range(1, limits.EventLogCapacity).Select(i => before.Seq - limits.EventLogCapacity + i),
            events.Select(e => e.Seq));
    }
}
