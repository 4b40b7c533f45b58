using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.ClusterTests;

/// <summary>
/// Stored state outlives the code that wrote it. These fixtures are grain state exactly as the
/// silos store it (Orleans' binary serializer, in Redis and Azure Storage alike), written by version 1 of the state types;
/// every later version must still read them. Never regenerate a fixture to make a change pass:
/// add a new fixture for a new version instead (LIVECLASS_WRITE_STATE_FIXTURES=vN writes them).
/// </summary>
public sealed class StateVersioningTests
{
    private static readonly string FixtureDir = Path.Combine(AppContext.BaseDirectory, "StateFixtures");
    private static readonly DateTimeOffset WrittenAt = new(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly OrleansGrainStorageSerializer _serializer = new(new ServiceCollection()
        .AddSerializer(builder => builder
            .AddAssembly(typeof(ClassEvent).Assembly)
            .AddAssembly(typeof(ClassSessionState).Assembly)
            .AddAssembly(typeof(ParticipantState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>());

    [Fact]
    public void A_class_stored_by_version_1_loads_with_everything_it_held()
    {
        var state = Read<ClassSessionState>("session-v1.bin");

        Assert.Equal(1, state.Version);
        Assert.Equal("fixture-class-0000000001", state.ClassId);
        Assert.Equal("Baby massage, stored by v1", state.Title);
        Assert.Equal(ClassStatus.Live, state.Status);
        Assert.Equal(RoutineCatalog.FullBody.Id, state.Routine!.Id);
        Assert.Equal(RoutineCatalog.FullBody.Steps.Count, state.Routine.Steps.Count);
        Assert.Equal(3, state.StepIndex);
        Assert.Equal(new Cue(CueKind.Repeat, 3, null, WrittenAt.ToUnixTimeMilliseconds()), state.Cue);
        Assert.Equal(24, state.Tempo!.StrokesPerMinute);
        Assert.Equal(["Instructor", "Family 1", "Family 2", "Family 3"], state.Roster.Select(r => r.Role == ParticipantRole.Instructor ? "Instructor" : r.DisplayName));
        Assert.Equal(CheckInStatus.Sleeping, state.Roster[2].CheckIn!.Status);
        Assert.Equal(RosterStatus.Left, state.Roster[3].Status);
        Assert.Equal(["hello from Family 1", "hello from Family 2"], state.Chat.Select(m => m.Text));
        Assert.Equal(state.Seq, state.Log[^1].Seq);
        Assert.Equal(Enumerable.Range(1, (int)state.Seq).Select(i => (long)i), state.Log.Select(e => e.Seq));
        Assert.Contains(state.Log, e => e.Kind == ClassEventKind.StepChanged && e.Step!.Index == 3);
        Assert.Equal(2, state.ChatReceipts.Count);

        // And the rules carry on from it: the next event takes the next seq.
        var session = new ClassSession(state, new ClassLimits(), TimeProvider.System);
        var next = session.GoToStep(state.InstructorId, 4);
        Assert.Equal(state.Log[^2].Seq + 1, next.Seq);
    }

    [Fact]
    public void A_participant_and_a_join_code_stored_by_version_1_load()
    {
        var participant = Read<ParticipantState>("participant-v1.bin");
        Assert.Equal(1, participant.Version);
        Assert.Equal(ParticipantRole.Parent, participant.Role);
        Assert.Equal("Family 1", participant.DisplayName);
        Assert.True(Secrets.Matches("fixture-secret-one", participant.TokenHashes[0]));
        Assert.False(participant.Revoked);

        Assert.Equal("fixture-class-0000000001", Read<JoinCodeState>("joincode-v1.bin").ClassId);
    }

    private T Read<T>(string name)
    {
        if (Environment.GetEnvironmentVariable("LIVECLASS_WRITE_STATE_FIXTURES") == "v1")
        {
            WriteVersion1Fixtures();
        }

        var path = Path.Combine(FixtureDir, name);
        Assert.True(File.Exists(path), $"missing state fixture {path}");
        return _serializer.Deserialize<T>(BinaryData.FromBytes(File.ReadAllBytes(path)))!;
    }

    /// <summary>How the v1 fixtures were made (into the source folder), kept to show what they hold.</summary>
    private void WriteVersion1Fixtures()
    {
        var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../StateFixtures"));
        var time = new FixedTime(WrittenAt);
        var state = new ClassSessionState();
        var session = new ClassSession(state, new ClassLimits(), time);
        session.Create("fixture-class-0000000001", "Baby massage, stored by v1", "Ines", RoutineCatalog.FullBody, "KQ7M4P",
            Secrets.Hash("fixture-instructor-key"), "fixture-instructor");
        session.AdmitInstructor();
        foreach (var n in new[] { 1, 2, 3 })
        {
            session.AdmitParent($"fixture-parent-{n}", $"Family {n}");
        }

        session.Start("fixture-instructor");
        session.GoToStep("fixture-instructor", 3);
        session.GiveCue("fixture-instructor", CueKind.Repeat, 3, null);
        session.SetTempo("fixture-instructor", 24);
        session.PostChat("fixture-parent-1", "c1", "hello from Family 1");
        session.PostChat("fixture-parent-2", "c2", "hello from Family 2");
        session.CheckIn("fixture-parent-2", CheckInStatus.Sleeping, null);
        session.SetPresence("fixture-parent-3", online: false);
        session.Leave("fixture-parent-3");

        var participant = new ParticipantState { Role = ParticipantRole.Parent, DisplayName = "Family 1" };
        participant.TokenHashes.Add(Secrets.Hash("fixture-secret-one"));

        Directory.CreateDirectory(source);
        Directory.CreateDirectory(FixtureDir);
        File.WriteAllBytes(Path.Combine(source, "session-v1.bin"), _serializer.Serialize(state).ToArray());
        File.WriteAllBytes(Path.Combine(source, "participant-v1.bin"), _serializer.Serialize(participant).ToArray());
        File.WriteAllBytes(Path.Combine(source, "joincode-v1.bin"), _serializer.Serialize(new JoinCodeState { ClassId = "fixture-class-0000000001" }).ToArray());
        foreach (var file in Directory.GetFiles(source, "*.bin"))
        {
            File.Copy(file, Path.Combine(FixtureDir, Path.GetFileName(file)), overwrite: true);
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
