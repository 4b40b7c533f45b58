using LiveClass.Domain;
using LiveClass.Grains.Journal;
using LiveClass.Tests.Domain;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A class on a silo with a journal: commits between two state writes go to the journal, and a
/// class loaded on another silo after its silo died has every one of them back, receipts included.
/// </summary>
public sealed class JournaledClassStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ChunkStorage _chunks = new();
    private readonly ClassLimits _limits = new();

    [Fact]
    public async Task Commits_go_to_the_journal_and_a_class_loaded_on_another_silo_replays_every_one_of_them()
    {
        var stored = new StoredClass(_limits, _time);
        var dying = NewJournal();
        var (store, session) = await stored.CreateAsync(dying, NewReader(dying));
        Assert.Equal(dying.Position.JournalId, stored.Main.Read()!.Journal!.JournalId);
        var stateWrites = stored.Main.Writes;

        var chatSeq = await StoredClass.RunShortLessonAsync(store, session);
        var before = session.Snapshot();
        var recapBefore = session.Recap();

        // Three commits, no state write: each went to the journal.
        Assert.Equal(stateWrites, stored.Main.Writes);
        Assert.Equal(2, _chunks.ChunkWrites);
        Assert.True(stored.Main.Read()!.Seq < before.Seq);

        // The silo dies; the class is loaded on another.
        var dyingId = dying.Position.JournalId;
        var survivor = NewJournal();
        var reopened = stored.Open(survivor, NewReader(survivor));
        var loaded = await reopened.LoadAsync();

        Assert.Equal(before.Seq, loaded.Seq);
        var after = loaded.Snapshot();
        Assert.Equal(before.StepIndex, after.StepIndex);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(["hello"], after.Chat.Select(m => m.Text));
        Assert.Equal(recapBefore.CheckInsByStep.Count, loaded.Recap().CheckInsByStep.Count);
        Assert.Equal(chatSeq, loaded.PostChat("sam", "sam-1", "hello"));
        Assert.True(loaded.TryGetEventsAfter(0, int.MaxValue, out var events));
        Assert.Equal(Enumerable.Range(1, (int)before.Seq).Select(i => (long)i), events.Select(e => e.Seq));

        // Loading wrote the state with everything, naming the survivor's journal; the dead one is sealed.
        var rewritten = stored.Main.Read()!;
        Assert.Equal(before.Seq, rewritten.Seq);
        Assert.Equal(survivor.Position.JournalId, rewritten.Journal!.JournalId);
        Assert.True((await _chunks.ReadChunkAsync(dyingId, 2))!.Sealed);
    }

    [Fact]
    public async Task A_class_writes_its_state_every_segment_and_when_due_and_names_no_journal_once_closed()
    {
        var stored = new StoredClass(_limits, _time);
        var journal = NewJournal();
        var (store, session) = await stored.CreateAsync(journal, NewReader(journal));
        var writes = stored.Main.Writes;

        for (var i = 0; i < _limits.EventLogSegmentSize; i++)
        {
            session.GoToStep(ClassHarness.InstructorId, i % 5);
            await StoredClass.WriteAsync(store);
        }

        // A segment's worth of commits: one wrote the state with the segment, every other one the journal.
        Assert.Equal(writes + 1, stored.Main.Writes);
        Assert.NotEmpty(stored.Segments);
        Assert.Equal(_limits.EventLogSegmentSize - 1, _chunks.ChunkWrites);

        session.GoToStep(ClassHarness.InstructorId, 1);
        await StoredClass.WriteAsync(store);
        Assert.False(store.CheckpointDue);
        _time.Advance(new JournalOptions().CheckpointInterval);
        Assert.True(store.CheckpointDue);
        store.RequestCheckpoint();
        await StoredClass.WriteAsync(store);
        Assert.Equal(writes + 2, stored.Main.Writes);
        Assert.Equal(session.Seq, stored.Main.Read()!.Seq);
        Assert.False(store.CheckpointDue);

        store.Close();
        await StoredClass.WriteAsync(store);
        Assert.Null(stored.Main.Read()!.Journal);
        Assert.False(store.MustWriteOnClose);
    }

    [Fact]
    public async Task A_commit_with_no_event_since_the_last_write_writes_nothing_and_the_next_event_is_journaled()
    {
        var stored = new StoredClass(_limits, _time);
        var journal = NewJournal();
        var (store, session) = await stored.CreateAsync(journal, NewReader(journal));
        session.Start(ClassHarness.InstructorId);
        await StoredClass.WriteAsync(store);
        var (stateWrites, chunkWrites) = (stored.Main.Writes, _chunks.ChunkWrites);

        // A second commit asked for while the first was being written finds nothing new.
        Assert.Equal(session.Seq, await store.WriteAsync());
        Assert.Equal(stateWrites, stored.Main.Writes);
        Assert.Equal(chunkWrites, _chunks.ChunkWrites);

        session.GoToStep(ClassHarness.InstructorId, 1);
        await StoredClass.WriteAsync(store);
        Assert.Equal(stateWrites, stored.Main.Writes);
        Assert.Equal(chunkWrites + 1, _chunks.ChunkWrites);
    }

    private SiloJournal NewJournal() =>
        new(_chunks, Options.Create(new JournalOptions()), _time, NullLogger<SiloJournal>.Instance);

    private JournalReader NewReader(SiloJournal local) =>
        new(_chunks, local, _time, NullLogger<JournalReader>.Instance);
}
