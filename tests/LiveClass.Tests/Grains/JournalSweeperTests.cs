using LiveClass.Domain;
using LiveClass.Grains.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static LiveClass.Tests.Grains.JournalKit;
using static LiveClass.Tests.Infrastructure.Eventually;

namespace LiveClass.Tests.Grains;

/// <summary>
/// What a journal its silo stopped writing leaves in storage, found from the seals its readers
/// wrote and deleted: every chunk down to the first its silo deleted itself, and the seals, but the
/// last one while its silo may still run.
/// </summary>
public sealed class JournalSweeperTests
{
    private readonly ChunkStorage _storage = new();

    [Fact]
    public async Task The_chunks_below_a_seal_are_found_with_their_classes_and_silo_and_deleted_up_to_the_seal()
    {
        var dying = NewJournal(TestSilos.A);
        var start = dying.Position;
        await Append(dying, "class-a", start, 1);
        await Append(dying, "class-b", start, 1);
        await Append(dying, "class-a", start, 2);

        // Another silo loads class-a: it reads the journal to its end and seals it there.
        var read = await NewReader(NewJournal(TestSilos.B)).ReadAsync(start, "class-a", 0);
        Assert.Equal([1L, 2L], read.Select(e => e.Event.Seq));
        var sweeper = NewSweeper();

        var remains = await sweeper.FindAsync(start.JournalId, [3]);
        Assert.Equal([0L, 1L, 2L, 3L], remains.Records.Select(r => r.Chunk));
        Assert.Equal([false, false, false, true], remains.Records.Select(r => r.Sealed));
        Assert.Equal(["class-a", "class-b"], remains.Classes.Order());
        Assert.Equal(TestSilos.A, remains.Silo);

        Assert.Equal(3, await sweeper.DeleteAsync(remains, keepEnd: true));
        for (var chunk = 0; chunk < 3; chunk++)
        {
            Assert.Null(await _storage.ReadChunkAsync(start.JournalId, chunk));
        }

        Assert.True((await _storage.ReadChunkAsync(start.JournalId, 3))!.Sealed);

        // Once its silo is dead, the seal goes too, and a second sweep finds nothing more.
        Assert.Null(await sweeper.DeleteAsync(await sweeper.FindAsync(start.JournalId, [3]), keepEnd: false));
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, 3));
        Assert.Empty((await sweeper.FindAsync(start.JournalId, [3])).Records);
    }

    [Fact]
    public async Task A_seal_that_a_quiet_class_wrote_where_its_silo_had_deleted_a_chunk_is_swept_with_the_rest()
    {
        var dying = NewJournal(TestSilos.A);
        var quiet = dying.Position;
        await Append(dying, "class-a", quiet, 1);
        // class-a writes its state, naming the next chunk: chunk 0 is deleted.
        var later = dying.Position;
        dying.Release("class-a");
        await WaitUntilAsync(() => dying.KeptChunks == 0);
        await Append(dying, "class-b", later, 1);
        await Append(dying, "class-b", later, 2);

        // A class that was quiet since chunk 0 finds it missing and seals it; class-b reads to the end and seals chunk 3.
        var reader = NewReader(NewJournal(TestSilos.B));
        Assert.Empty(await reader.ReadAsync(quiet, "class-q", 5));
        Assert.Equal(2, (await reader.ReadAsync(later, "class-b", 0)).Count);
        Assert.True((await _storage.ReadChunkAsync(quiet.JournalId, 0))!.Sealed);

        var sweeper = NewSweeper();
        var remains = await sweeper.FindAsync(quiet.JournalId, [0, 3]);
        Assert.Equal([0L, 1L, 2L, 3L], remains.Records.Select(r => r.Chunk));
        Assert.Equal(2, remains.Chunks);
        Assert.Equal(2, remains.Seals);
        Assert.Equal(["class-b"], remains.Classes);

        Assert.Equal(3, await sweeper.DeleteAsync(remains, keepEnd: true));
        for (var chunk = 0; chunk < 3; chunk++)
        {
            Assert.Null(await _storage.ReadChunkAsync(quiet.JournalId, chunk));
        }
    }

    [Fact]
    public async Task A_chunk_its_silo_deleted_meanwhile_counts_as_swept()
    {
        var dying = NewJournal(TestSilos.A);
        var start = dying.Position;
        await Append(dying, "class-a", start, 1);
        await NewReader(NewJournal(TestSilos.B)).ReadAsync(start, "class-a", 0);
        var sweeper = NewSweeper();
        var remains = await sweeper.FindAsync(start.JournalId, [1]);

        // The silo still ran and deleted its chunk between the sweep's reading and deleting.
        dying.Release("class-a");
        await WaitUntilAsync(() => _storage.ChunkDeletes == 1);

        Assert.Null(await sweeper.DeleteAsync(remains, keepEnd: false));
        Assert.Empty((await sweeper.FindAsync(start.JournalId, [1])).Records);
    }

    [Fact]
    public async Task A_journal_ended_by_a_failed_write_is_found_below_the_chunk_that_was_never_stored()
    {
        var journal = NewJournal(TestSilos.A);
        var start = journal.Position;
        await Append(journal, "class-a", start, 1);
        await Append(journal, "class-b", start, 1);
        var gate = _storage.Gate = new CallGate();
        var failed = Append(journal, "class-a", start, 2);
        await gate.WaitForCallsAsync(1);
        gate.FailOne(new InvalidOperationException("the store went away"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.NotEqual(start.JournalId, journal.Position.JournalId);

        var remains = await NewSweeper().FindAsync(start.JournalId, [2]);
        Assert.Equal([0L, 1L], remains.Records.Select(r => r.Chunk));
        Assert.Equal(["class-a", "class-b"], remains.Classes.Order());
        Assert.Null(await NewSweeper().DeleteAsync(remains, keepEnd: true));
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, 0));
        Assert.Null(await _storage.ReadChunkAsync(start.JournalId, 1));
    }

    private SiloJournal NewJournal(string silo) =>
        new(_storage, Options.Create(new JournalOptions()), TimeProvider.System, NullLogger<SiloJournal>.Instance, new TestSiloDetails(silo));

    private JournalReader NewReader(SiloJournal local) =>
        new(_storage, local, TimeProvider.System, NullLogger<JournalReader>.Instance);

    private JournalSweeper NewSweeper() => new(_storage, NullLogger<JournalSweeper>.Instance);

    private static Task Append(SiloJournal journal, string classId, JournalPosition stored, long seq) =>
        journal.TryAppend(classId, stored, [Entry(classId, seq)]) ?? throw new InvalidOperationException("the journal refused the append");
}
