using LiveClass.Domain;
using LiveClass.Grains;
using LiveClass.Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A journal its silo no longer writes, on the test silo: the first class to load from it seals it,
/// and the sweep that follows wakes every other class with events in it, so that each writes its own
/// state, before the chunks are deleted. A journal that a failed write ended is swept too.
/// </summary>
public sealed class JournalSweepGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    /// <summary>A silo the test cluster has never had, which Orleans counts as dead.</summary>
    private static readonly string UnknownSilo = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.1"), 11111), 1).ToParsableString();

    private SiloJournal LocalJournal => Fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredService<SiloJournal>();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_sealed_journal_is_swept_once_every_class_with_events_in_it_has_written_its_own_state(bool siloRuns)
    {
        // A silo that runs has lost these classes to another; otherwise the silo is gone.
        var silo = siloRuns ? Fixture.Cluster.Silos[0].SiloAddress.ToParsableString() : UnknownSilo;
        var gone = "gone-" + Guid.NewGuid().ToString("N");
        var first = await ClassWithJournaledStepsAsync();
        var second = await ClassWithJournaledStepsAsync();
        var entries = new List<JournalEntry>();
        foreach (var (grain, _) in new[] { first, second })
        {
            entries.AddRange(await MoveJournaledEventsAsync(grain, gone));
        }

        await WriteChunkAsync(new JournalChunkKey(gone, 0), new JournalChunkState { Entries = entries, Silo = silo });

        // The first class wakes, reads the journal to its end and seals it there; the second is left asleep.
        Assert.Equal(first.Seq, (await first.Grain.GetSnapshot()).Seq);
        Assert.True(Fixture.Cluster.TryGetGrainContext(first.Grain.GetGrainId(), out _));
        Assert.False(Fixture.Cluster.TryGetGrainContext(second.Grain.GetGrainId(), out _));

        await WaitUntilAsync(async () => !(await ReadChunkAsync(new JournalChunkKey(gone, 0))).RecordExists);

        // The sweep woke the second class, which replayed its events and wrote them into its own state.
        var stored = await ReadStoredAsync(second.Grain);
        Assert.Equal(second.Seq, stored.Seq);
        Assert.NotEqual(gone, stored.Journal?.JournalId);
        Assert.Equal(second.Seq, (await second.Grain.GetSnapshot()).Seq);

        // The seal stays while its silo runs, so that silo can never store after it.
        var seal = await ReadChunkAsync(new JournalChunkKey(gone, 1));
        Assert.Equal(siloRuns, seal.RecordExists);
        Assert.True(!siloRuns || seal.State!.Sealed);
    }

    [Fact]
    public async Task A_journal_that_a_failed_write_ended_is_swept_while_its_silo_runs()
    {
        var storage = new ChunkWriteFailure(Storage);
        var journal = new SiloJournal(storage, Options.Create(new JournalOptions()), TimeProvider.System,
            NullLogger<SiloJournal>.Instance, grains: Fixture.Client);
        var start = journal.Position;
        await Append(journal, start, "never-created-1");
        await Append(journal, start, "never-created-2");
        Assert.True((await ReadChunkAsync(new JournalChunkKey(start.JournalId, 1))).RecordExists);

        storage.FailNextChunkWrite = true;
        await Assert.ThrowsAsync<IOException>(() => Append(journal, start, "never-created-1"));
        Assert.NotEqual(start.JournalId, journal.Position.JournalId);

        await WaitUntilAsync(async () => !(await ReadChunkAsync(new JournalChunkKey(start.JournalId, 0))).RecordExists
            && !(await ReadChunkAsync(new JournalChunkKey(start.JournalId, 1))).RecordExists);
    }

    [Fact]
    public async Task Letting_go_of_a_journal_writes_the_state_only_when_it_names_that_journal()
    {
        var (grain, seq) = await ClassWithJournaledStepsAsync();
        var before = await ReadStoredAsync(grain);
        Assert.True(before.Seq < seq);

        await grain.LetGoOfJournal("another-journal");
        Assert.Equal(before.WriteId, (await ReadStoredAsync(grain)).WriteId);

        await grain.LetGoOfJournal(before.Journal!.JournalId);
        var after = await ReadStoredAsync(grain);
        Assert.Equal(seq, after.Seq);
        Assert.NotEqual(before.WriteId, after.WriteId);
    }

    /// <summary>A live class whose last steps are only in the test silo's journal; returns it with its seq.</summary>
    private async Task<(IClassSessionGrain Grain, long Seq)> ClassWithJournaledStepsAsync()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        await grain.StartClass(instructor);
        await grain.GoToStep(instructor, 1);
        var seq = await grain.GoToStep(instructor, 2);
        var stored = await ReadStoredAsync(grain);
        Assert.Equal(LocalJournal.Position.JournalId, stored.Journal?.JournalId);
        Assert.True(stored.Seq < seq, "the steps were not journaled");
        return (grain, seq);
    }

    /// <summary>
    /// Puts the class to sleep as if its silo had died with its last events journaled in
    /// <paramref name="journalId"/>: its stored state names that journal, and the events it did
    /// not hold are returned, for the test to store there.
    /// </summary>
    private async Task<List<JournalEntry>> MoveJournaledEventsAsync(IClassSessionGrain grain, string journalId)
    {
        var before = new GrainState<ClassSessionState>();
        await Storage.ReadStateAsync("session", grain.GetGrainId(), before);
        var position = before.State!.Journal!;
        var entries = new List<JournalEntry>();
        for (var chunk = position.Chunk; chunk < LocalJournal.Position.Chunk; chunk++)
        {
            var record = await ReadChunkAsync(new JournalChunkKey(position.JournalId, chunk));
            entries.AddRange(record.State?.Entries.Where(e => e.ClassId == grain.GetPrimaryKeyString() && e.Event.Seq > before.State.Seq) ?? []);
        }

        Assert.NotEmpty(entries);
        await DeactivateAsync(grain);
        var now = new GrainState<ClassSessionState>();
        await Storage.ReadStateAsync("session", grain.GetGrainId(), now);
        before.State.Journal = new JournalPosition(journalId, 0);
        before.ETag = now.ETag;
        await Storage.WriteStateAsync("session", grain.GetGrainId(), before);
        return entries;
    }

    private static Task Append(SiloJournal journal, JournalPosition stored, string classId) =>
        journal.TryAppend(classId, stored, [JournalKit.Entry(classId, 1)])
        ?? throw new InvalidOperationException("the journal refused the append");

    private async Task WriteChunkAsync(JournalChunkKey key, JournalChunkState chunk) =>
        await Storage.WriteStateAsync(key.StateName, key.GrainId, new GrainState<JournalChunkState>(chunk));

    private Task<GrainState<JournalChunkState>> ReadChunkAsync(JournalChunkKey key) => Storage.ReadChunkAsync(key);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + GrainKit.Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the journal was not swept in time");
            await Task.Delay(50);
        }
    }
}
