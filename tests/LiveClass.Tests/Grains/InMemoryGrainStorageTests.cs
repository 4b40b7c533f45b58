using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains.Storage;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

public sealed class InMemoryGrainStorageTests
{
    private static readonly GrainId Class = GrainId.Create("classsession", "class-1");

    private readonly InMemoryGrainStorage _storage = StateCodecs.NewMemoryStorage();

    [Fact]
    public async Task A_write_is_read_back_as_written_and_later_changes_to_the_object_are_not()
    {
        var written = new GrainState<ClassSessionState>(new ClassSessionState { ClassId = "class-1", Title = "Week 1", Seq = 7 });
        await _storage.WriteStateAsync("session", Class, written);
        written.State!.Title = "changed after the write";

        var read = await ReadAsync<ClassSessionState>("session");

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Week 1", read.State!.Title);
        Assert.Equal(7, read.State!.Seq);
        Assert.False((await ReadAsync<ClassSessionState>("other-state")).RecordExists);
    }

    [Fact]
    public async Task A_write_keeps_the_recap_as_it_was_and_later_check_ins_and_visits_do_not_reach_it()
    {
        var state = new ClassSessionState { ClassId = "class-1" };
        var roster = RosterAndChat.Empty(new ClassLimits());
        var applier = new ClassEventApplier(state, roster);
        applier.Apply(Joined("p1", seq: 1, at: 1_000));
        applier.Apply(CheckedIn("p1", seq: 2));
        var written = new GrainState<ClassSessionState>(state);
        await _storage.WriteStateAsync("session", Class, written);

        applier.Apply(CheckedIn("p1", seq: 3));
        applier.Apply(new ClassEvent(4, 5_000, ClassEventKind.ParticipantLeft, "p1", ParticipantId: "p1"));

        var stored = (await ReadAsync<ClassSessionState>("session")).State!;
        Assert.Equal(1, Assert.Single(stored.CheckInTallies).Count);
        Assert.Equal(1_000, Assert.Single(stored.Attendance).OnlineSince);
        Assert.Equal(2, Assert.Single(state.CheckInTallies).Count);
        Assert.Equal(4_000, Assert.Single(state.Attendance).OnlineMs);

        // Attendance and receipts are replaced when they change, so a write shares them; the
        // tallies change in place, so a write copies their list and shares each tally in it.
        await _storage.WriteStateAsync("session", Class, written);
        var again = (await ReadAsync<ClassSessionState>("session")).State!;
        Assert.Same(state.Attendance, again.Attendance);
        Assert.Same(state.ChatReceipts, again.ChatReceipts);
        Assert.NotSame(state.CheckInTallies, again.CheckInTallies);
        Assert.Same(Assert.Single(state.CheckInTallies), Assert.Single(again.CheckInTallies));
    }

    [Fact]
    public async Task The_end_of_the_class_closes_every_visit_without_reaching_what_was_stored()
    {
        var state = new ClassSessionState { ClassId = "class-1" };
        var applier = new ClassEventApplier(state, RosterAndChat.Empty(new ClassLimits()));
        applier.Apply(Joined("p1", seq: 1, at: 1_000));
        applier.Apply(Joined("p2", seq: 2, at: 2_000));
        await _storage.WriteStateAsync("session", Class, new GrainState<ClassSessionState>(state));

        applier.Apply(new ClassEvent(3, 10_000, ClassEventKind.ClassStatusChanged, "instructor", Status: ClassStatus.Ended));

        var stored = (await ReadAsync<ClassSessionState>("session")).State!;
        Assert.All(stored.Attendance, record => Assert.NotNull(record.OnlineSince));
        Assert.All(state.Attendance, record => Assert.Null(record.OnlineSince));
        Assert.Equal([9_000L, 8_000L], state.Attendance.Select(record => record.OnlineMs));
    }

    [Fact]
    public async Task A_write_from_a_stale_version_is_refused_and_changes_nothing()
    {
        var first = new GrainState<ClassSessionState>(new ClassSessionState { Title = "first" });
        await _storage.WriteStateAsync("session", Class, first);
        var stale = await ReadAsync<ClassSessionState>("session");
        first.State!.Title = "second";
        await _storage.WriteStateAsync("session", Class, first);

        stale.State!.Title = "stale";
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync("session", Class, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteStateAsync("session", Class, new GrainState<ClassSessionState>(new ClassSessionState { Title = "new" })));

        Assert.Equal("second", (await ReadAsync<ClassSessionState>("session")).State!.Title);
    }

    [Fact]
    public async Task Clearing_removes_the_record_so_the_next_write_starts_afresh()
    {
        var state = new GrainState<ClassSessionState>(new ClassSessionState { Title = "first" });
        await _storage.WriteStateAsync("session", Class, state);

        await _storage.ClearStateAsync("session", Class, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.False((await ReadAsync<ClassSessionState>("session")).RecordExists);
        await _storage.WriteStateAsync("session", Class, state);
        Assert.True((await ReadAsync<ClassSessionState>("session")).RecordExists);
    }

    private static ClassEvent Joined(string participantId, long seq = 0, long at = 0) =>
        new(seq, at, ClassEventKind.ParticipantJoined, participantId,
            Participant: new Participant(participantId, "Family " + participantId, ParticipantRole.Parent, Online: true, CheckIn: null));

    private static ClassEvent CheckedIn(string participantId, long seq) =>
        new(seq, seq * 1_000, ClassEventKind.CheckedIn, participantId, ParticipantId: participantId,
            CheckIn: new CheckIn(CheckInStatus.Following, StepIndex: 0, At: seq * 1_000));

    private async Task<GrainState<T>> ReadAsync<T>(string stateName) where T : new()
    {
        var state = new GrainState<T>(new T());
        await _storage.ReadStateAsync(stateName, Class, state);
        return state;
    }
}
