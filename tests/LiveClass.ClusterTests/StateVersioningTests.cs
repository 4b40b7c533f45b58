using LiveClass.ClusterTests.Infrastructure;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains;
using LiveClass.Grains.Sessions;

namespace LiveClass.ClusterTests;

/// <summary>
/// Stored state outlives the code that wrote it. These fixtures are grain state exactly as the silos
/// store it, each written by the code of its own version: a class's state of versions 1 to 4 (with
/// the log segments of version 3 and the roster and chat stored apart since version 4), and the
/// participant and join code states of version 1. Every later version must still load them through
/// <see cref="ClassSessionStore"/>, as an activation does. Never regenerate a fixture to make a change
/// pass: add one for a new version instead (LIVECLASS_WRITE_STATE_FIXTURES=v{current} writes the
/// current version's, and never replaces a fixture that exists).
/// </summary>
public sealed class StateVersioningTests
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "StateFixtures");
    private static readonly DateTimeOffset WrittenAt = new(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly ClassLimits Limits = new();

    public StateVersioningTests()
    {
        if (Environment.GetEnvironmentVariable("LIVECLASS_WRITE_STATE_FIXTURES") == $"v{ClassSessionState.CurrentVersion}")
        {
            StateFixtureWriter.WriteCurrentAsync(WrittenAt).GetAwaiter().GetResult();
        }
    }

    [Fact]
    public async Task A_class_stored_by_version_1_loads_with_everything_it_held()
    {
        var (fixture, state) = Stored("session-v1");

        Assert.Equal(1, state.Version);
        Assert.Equal(RoutineCatalog.FullBody.Id, state.Routine!.Id);
        Assert.Equal(RoutineCatalog.FullBody.Steps.Count, state.Routine.Steps.Count);
        Assert.Equal(Enumerable.Range(1, (int)state.Seq).Select(i => (long)i), state.Log.Select(e => e.Seq));
        Assert.Contains(state.Log, e => e.Kind == ClassEventKind.StepChanged && e.Step!.Index == 3);
        Assert.Equal(2, state.ChatReceipts.Count);

        await AssertUpgradesAsync(fixture, state);
    }

    [Fact]
    public async Task A_class_stored_by_version_2_keeps_its_routine_by_id_and_loads_with_everything_it_held()
    {
        var (fixture, state) = Stored("session-v2");

        Assert.Equal(2, state.Version);
        Assert.Null(state.Routine);
        Assert.Equal(RoutineCatalog.FullBodyId, state.RoutineId);
        Assert.Equal(4, state.Roster.Count);
        Assert.Equal(2, state.Chat.Count);
        Assert.Equal(Enumerable.Range(1, (int)state.Seq).Select(i => (long)i), state.Log.Select(e => e.Seq));

        await AssertUpgradesAsync(fixture, state);
    }

    [Fact]
    public async Task A_class_stored_by_version_3_finds_its_sealed_log_segments_and_loads_with_everything_it_held()
    {
        var (fixture, state) = Stored("session-v3");

        Assert.Equal(3, state.Version);
        Assert.Equal([1L, 6L], state.LogSegments.Select(s => s.FirstSeq));
        Assert.Equal([11L, 12L, 13L], state.Log.Select(e => e.Seq));
        Assert.Equal(13, state.Seq);

        var session = await AssertUpgradesAsync(fixture, state);
        // Its 13 events from the two segments and the state's tail, and the step change made after loading.
        Assert.Equal(Enumerable.Range(1, 14).Select(i => (long)i), Events(session).Select(e => e.Seq));
    }

    [Fact]
    public async Task A_class_stored_by_version_4_replays_its_log_onto_the_roster_and_chat_stored_apart()
    {
        var (fixture, state) = Stored("session-v4");
        var apart = fixture.Read<RosterAndChatState>(fixture.RosterAndChatFile)!;

        Assert.Equal(4, state.Version);
        Assert.Empty(state.Roster);
        Assert.Empty(state.Chat);
        Assert.Equal(10, apart.Seq);
        Assert.Equal(RosterStatus.Present, apart.Roster.Single(e => e.DisplayName == "Family 3").Status);
        Assert.Equal(["c1", "c2"], apart.ChatReceipts.Select(r => r.ClientMessageId));
        Assert.Equal([11L, 12L, 13L], state.Log.Select(e => e.Seq));

        var session = await AssertLoadsAsync(fixture, state.Seq, "fixture-class-0000000004", "Baby massage, stored by v4");
        var recap = session.Recap();
        Assert.Equal(["Family 1", "Family 2", "Family 3"], recap.Families.Select(f => f.DisplayName));
        Assert.Equal("Left", recap.Families[2].State);
        Assert.Equal([CheckInStatus.Sleeping], recap.CheckInsByStep.Single(s => s.StepIndex == 3).Counts.Select(c => c.Status));
    }

    [Fact]
    public void A_participant_and_a_join_code_stored_by_version_1_load()
    {
        var fixture = Fixture("session-v1");
        var participant = fixture.Read<ParticipantState>("participant-v1.bin")!;
        Assert.Equal(1, participant.Version);
        Assert.Equal(ParticipantRole.Parent, participant.Role);
        Assert.Equal("Family 1", participant.DisplayName);
        Assert.True(Secrets.Matches("fixture-secret-one", participant.TokenHashes[0]));
        Assert.False(participant.Revoked);

        Assert.Equal("fixture-class-0000000001", fixture.Read<JoinCodeState>("joincode-v1.bin")!.ClassId);
    }

    /// <summary>A state from before version 4 loads, and its roster and chat are stored apart before its state is written again.</summary>
    private static async Task<ClassSession> AssertUpgradesAsync(FixtureStorage fixture, ClassSessionState state)
    {
        var session = await AssertLoadsAsync(fixture, state.Seq, $"fixture-class-000000000{state.Version}", $"Baby massage, stored by v{state.Version}");
        Assert.Equal(state.Seq, fixture.Read<RosterAndChatState>(fixture.RosterAndChatFile)!.Seq);
        return session;
    }

    private static (FixtureStorage Fixture, ClassSessionState State) Stored(string sessionName)
    {
        var fixture = Fixture(sessionName);
        return (fixture, fixture.Read<ClassSessionState>(fixture.SessionFile)!);
    }

    private static FixtureStorage Fixture(string sessionName)
    {
        var fixture = new FixtureStorage(FixtureDir, sessionName);
        Assert.True(fixture.Exists(fixture.SessionFile), $"missing state fixture {sessionName}");
        return fixture;
    }

    /// <summary>
    /// Every fixture class went through the same calls (see <see cref="StateFixtureWriter"/>): loaded as
    /// an activation loads it, it shows all of them, and the rules carry on from it with the next seq.
    /// </summary>
    private static async Task<ClassSession> AssertLoadsAsync(FixtureStorage fixture, long seq, string classId, string title)
    {
        var store = fixture.Open(Limits, new FixedTime(WrittenAt));
        var session = await store.LoadAsync();
        Assert.True(store.RosterAndChatCaughtUp);
        Assert.Equal(ClassSessionState.CurrentVersion, store.State.Version);

        var snapshot = session.Snapshot();
        Assert.Equal(classId, snapshot.ClassId);
        Assert.Equal(title, snapshot.Title);
        Assert.Equal(ClassStatus.Live, snapshot.Status);
        Assert.Equal(RoutineCatalog.FullBody.Id, snapshot.Routine.Id);
        Assert.Equal(RoutineCatalog.FullBody.Steps.Count, snapshot.Routine.Steps.Count);
        Assert.Equal(3, snapshot.StepIndex);
        Assert.Equal(new Cue(CueKind.Repeat, 3, null, WrittenAt.ToUnixTimeMilliseconds()), snapshot.Cue);
        Assert.Equal(24, snapshot.Tempo!.StrokesPerMinute);
        Assert.Equal(seq, snapshot.Seq);
        Assert.Equal(["Instructor", "Family 1", "Family 2", "Family 3"],
            session.Roster.Select(r => r.Role == ParticipantRole.Instructor ? "Instructor" : r.DisplayName));
        Assert.Equal(["Instructor", "Family 1", "Family 2"],
            snapshot.Participants.Select(p => p.Role == ParticipantRole.Instructor ? "Instructor" : p.DisplayName));
        Assert.Equal(CheckInStatus.Sleeping, session.Roster[2].CheckIn!.Status);
        Assert.Equal(RosterStatus.Left, session.Roster[3].Status);
        Assert.Equal(["hello from Family 1", "hello from Family 2"], snapshot.Chat.Select(m => m.Text));
        Assert.Contains(Events(session), e => e.Kind == ClassEventKind.StepChanged && e.Step!.Index == 3);

        // A resent chat message is answered with its first seq; the next event takes the next seq.
        var first = snapshot.Chat[0];
        Assert.Equal(Events(session).Single(e => e.Message?.MessageId == first.MessageId).Seq, session.PostChat(first.ParticipantId, "c1", "again"));
        Assert.Equal(seq + 1, session.GoToStep(session.InstructorId, 4).Seq);

        // Written again, it is a state of the current version.
        await store.WriteAsync();
        await store.TidyAsync();
        Assert.Equal(ClassSessionState.CurrentVersion, fixture.Read<ClassSessionState>(fixture.SessionFile)!.Version);
        return session;
    }

    private static IReadOnlyList<ClassEvent> Events(ClassSession session) =>
        session.TryGetEventsAfter(0, int.MaxValue, out var events) ? events : [];
}
