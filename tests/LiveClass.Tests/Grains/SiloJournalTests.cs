using LiveClass.Domain;
using LiveClass.Grains.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using static LiveClass.Tests.Grains.JournalKit;
using static LiveClass.Tests.Infrastructure.Eventually;

namespace LiveClass.Tests.Grains;

/// <summary>
/// The silo journal on memory storage: commits of many classes share a chunk write, chunks no class
/// needs are deleted, a failed write ends the journal, and a journal read by another silo is sealed.
/// </summary>
public sealed class SiloJournalTests
{
    private readonly ChunkStorage _storage = new();

    [Fact]
    public async Task Commits_of_many_classes_made_while_a_chunk_is_written_go_together_in_the_next_and_each_is_answered_once_stored()
    {
        var gate = _storage.Gate = new CallGate();
        var journal = NewJournal();
        var start = journal.Position;

        var first = Append(journal, "class-a", start, 1);
        await gate.WaitForCallsAsync(1);
        var others = new[] { "class-b", "class-c", "class-d" }.Select(id => Append(journal, id, start, 1, 2)).ToArray();

        Assert.False(first.IsCompleted);
        gate.ReleaseOne();
        await first;
        Assert.All(others, task => Assert.False(task.IsCompleted));

        await gate.WaitForCallsAsync(2);
        gate.ReleaseOne();
        await Task.WhenAll(others);

        Assert.Equal(2, _storage.ChunkWrites);
        var second = await _storage.ReadChunkAsync(start.JournalId, start.Chunk + 1);
        Assert.Equal(["class-b", "class-b", "class-c", "class-c", "class-d", "class-d"], second!.Entries.Select(e => e.ClassId));
        Assert.Equal([1L, 2L, 1L, 2L, 1L, 2L], second.Entries.Select(e => e.Event.Seq));
    }

    [Fact]
    public async Task Chunks_are_deleted_once_every_class_with_events_in_them_has_written_its_state_and_not_before()
    {
        var journal = NewJournal();
        var start = journal.Position;
        await Append(journal, "class-a", start, 1);
        await Append(journal, "class-b", start, 1);
        await Append(journal, "class-a", start, 2);
        Assert.Equal(3, journal.KeptChunks);

        journal.Release("class-a");
        await Task.Delay(100);
        Assert.Equal(0, _storage.ChunkDeletes);
        Assert.NotNull(await _storage.ReadChunkAsync(start.JournalId, start.Chunk));

        // class-b wrote its state naming the journal's position then: everything before it can go.
        var later = journal.Position;
        journal.Release("class-b");
        await WaitUntilAsync(() => journal.KeptChunks == 0);
        Assert.Equal(3, _storage.ChunkDeletes);
        for (var chunk = start.Chunk; chunk < later.Chunk; chunk++)
        {
            Assert.Null(await _storage.ReadChunkAsync(start.JournalId, chunk));
        }

        // A class whose stored state still names a deleted chunk writes its state instead of journaling.
        Assert.Null(journal.TryAppend("class-a", start, [Entry("class-a", 3)]));
        Assert.NotNull(journal.TryAppend("class-a", later, [Entry("class-a", 3)]));
    }

    [Fact]
    public async Task The_position_a_class_has_just_named_is_kept_for_its_next_commit_while_recent_and_nothing_once_it_closes()
    {
        var journal = NewJournal(new JournalOptions { RecentChunksKept = 3 });
        var start = journal.Position;
        await Append(journal, "class-a", start, 1);

        // class-a writes its state naming the position then, and commits nothing for a while.
        var named = journal.Name("class-a");
        journal.Release("class-a");
        await Append(journal, "class-b", named, 1);
        await Append(journal, "class-b", named, 2);
        journal.Release("class-b");
        await WaitUntilAsync(() => journal.KeptChunks == 2);

        // What is before its position is gone; its position is kept, so its next commit is journaled.
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, start.Chunk));
        Assert.NotNull(await _storage.ReadChunkAsync(start.JournalId, named.Chunk));
        await Append(journal, "class-a", named, 2);

        // Named again, and then quiet for longer than three chunks: its position goes, and its
        // next commit writes its state instead.
        var quiet = journal.Name("class-a");
        journal.Release("class-a");
        for (var seq = 1; seq <= 4; seq++)
        {
            await Append(journal, "class-c", quiet, seq);
        }

        journal.Release("class-c");
        await WaitUntilAsync(() => journal.KeptChunks == 0);
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, quiet.Chunk));
        Assert.Null(journal.TryAppend("class-a", quiet, [Entry("class-a", 3)]));

        // A class that closes (its state names no journal) keeps nothing.
        var closing = journal.Name("class-d");
        await Append(journal, "class-c", journal.Name("class-c"), 5);
        journal.Release("class-c");
        Assert.Equal(1, journal.KeptChunks);
        journal.Forget("class-d");
        await WaitUntilAsync(() => journal.KeptChunks == 0);
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, closing.Chunk));
    }

    [Fact]
    public async Task A_failed_chunk_write_fails_its_commits_and_those_after_it_and_a_new_journal_begins()
    {
        var gate = _storage.Gate = new CallGate();
        var journal = NewJournal();
        var start = journal.Position;
        var first = Append(journal, "class-a", start, 1);
        await gate.WaitForCallsAsync(1);
        var queued = Append(journal, "class-b", start, 1);

        gate.FailOne(new IOException("storage is not answering"));

        await Assert.ThrowsAsync<IOException>(() => first);
        await Assert.ThrowsAsync<IOException>(() => queued);
        Assert.NotEqual(start.JournalId, journal.Position.JournalId);
        Assert.Equal(0, journal.Position.Chunk);
        Assert.Null(journal.TryAppend("class-a", start, [Entry("class-a", 1)]));
        Assert.Equal(1, _storage.ChunkWrites);
    }

    [Fact]
    public async Task A_chunk_write_whose_answer_was_lost_after_it_was_stored_answers_its_commits_and_the_journal_goes_on()
    {
        _storage.LoseNextAnswer = true;
        var journal = NewJournal();
        var start = journal.Position;

        await Append(journal, "class-a", start, 1);
        await Append(journal, "class-a", start, 2);

        Assert.Equal(start.JournalId, journal.Position.JournalId);
        Assert.Equal(2, journal.Position.Chunk);
        Assert.NotNull(journal.TryAppend("class-a", start, [Entry("class-a", 3)]));

        // The chunk stored despite the failure is deleted like any other once its class has written its state.
        await WaitUntilAsync(() => journal.Position.Chunk == 3 && journal.KeptChunks == 3);
        journal.Release("class-a");
        await WaitUntilAsync(() => journal.KeptChunks == 0);
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, 0));
    }

    [Fact]
    public async Task Another_silo_reads_a_journal_to_its_end_and_seals_it_so_its_silo_can_answer_no_more_commits()
    {
        var dying = NewJournal();
        var start = dying.Position;
        await Append(dying, "class-a", start, 1, 2);
        await Append(dying, "class-b", start, 1);
        await Append(dying, "class-a", start, 3);

        var reader = NewReader(NewJournal());
        var found = await reader.ReadAsync(start, "class-a", afterSeq: 1);

        Assert.Equal([2L, 3L], found.Select(e => e.Event.Seq));
        Assert.True((await _storage.ReadChunkAsync(start.JournalId, start.Chunk + 3))!.Sealed);
        await Assert.ThrowsAsync<InconsistentStateException>(() => Append(dying, "class-a", start, 4));
        Assert.NotEqual(start.JournalId, dying.Position.JournalId);

        // Read again (another class of the same silo): the same end, from what this silo already read.
        var writes = _storage.ChunkWrites;
        Assert.Equal([1L], (await reader.ReadAsync(start, "class-b", afterSeq: 0)).Select(e => e.Event.Seq));
        Assert.Equal(writes, _storage.ChunkWrites);
    }

    [Fact]
    public async Task A_silo_reads_its_own_journal_once_what_was_appended_is_stored_and_seals_nothing()
    {
        var gate = _storage.Gate = new CallGate();
        var journal = NewJournal();
        var start = journal.Position;
        var appended = Append(journal, "class-a", start, 1, 2);
        await gate.WaitForCallsAsync(1);

        var read = NewReader(journal).ReadAsync(start, "class-a", afterSeq: 0);
        await Task.Delay(100);
        Assert.False(read.IsCompleted);
        gate.ReleaseOne();
        await appended;

        Assert.Equal([1L, 2L], (await read).Select(e => e.Event.Seq));
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, start.Chunk + 1));
        _storage.Gate = null;
        await Append(journal, "class-a", start, 3);
        Assert.Equal(start.JournalId, journal.Position.JournalId);
    }

    private SiloJournal NewJournal(JournalOptions? options = null) =>
        new(_storage, Options.Create(options ?? new JournalOptions()), TimeProvider.System, NullLogger<SiloJournal>.Instance);

    private JournalReader NewReader(SiloJournal local) =>
        new(_storage, local, TimeProvider.System, NullLogger<JournalReader>.Instance);

    private static Task Append(SiloJournal journal, string classId, JournalPosition stored, params long[] seqs) =>
        journal.TryAppend(classId, stored, [.. seqs.Select(seq => Entry(classId, seq))])
        ?? throw new InvalidOperationException("the journal refused the append");
}
