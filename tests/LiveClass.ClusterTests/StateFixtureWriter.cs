using LiveClass.ClusterTests.Infrastructure;
using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Domain.Routines;
using LiveClass.Grains;

namespace LiveClass.ClusterTests;

/// <summary>
/// Writes the state fixtures of the current version into the source folder, through the grain's own
/// <see cref="LiveClass.Grains.Sessions.ClassSessionStore"/>: a class that went through the calls every
/// fixture class went through, written after each call with a segment every 5 events, so that it has
/// sealed segments, roster and chat stored apart at seq 10 and three events after them in its log.
/// Fixtures that exist are never replaced.
/// </summary>
internal static class StateFixtureWriter
{
    public static async Task WriteCurrentAsync(DateTimeOffset writtenAt)
    {
        var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../StateFixtures"));
        var version = ClassSessionState.CurrentVersion;
        var fixture = new FixtureStorage(source, $"session-v{version}");
        if (!fixture.Exists(fixture.SessionFile))
        {
            await WriteClassAsync(fixture, version, writtenAt);
        }

        var participant = new ParticipantState { Role = ParticipantRole.Parent, DisplayName = "Family 1" };
        participant.TokenHashes.Add(Secrets.Hash("fixture-secret-one"));
        fixture.Write("participant-v1.bin", participant);
        fixture.Write("joincode-v1.bin", new JoinCodeState { ClassId = "fixture-class-0000000001" });
        fixture.SaveNew();
        foreach (var file in Directory.GetFiles(source, "*.bin"))
        {
            File.Copy(file, Path.Combine(AppContext.BaseDirectory, "StateFixtures", Path.GetFileName(file)), overwrite: true);
        }
    }

    private static async Task WriteClassAsync(FixtureStorage fixture, int version, DateTimeOffset writtenAt)
    {
        var store = fixture.Open(new ClassLimits { EventLogSegmentSize = 5 }, new FixedTime(writtenAt));
        var session = await store.LoadAsync();
        session.Create($"fixture-class-000000000{version}", $"Baby massage, stored by v{version}", "Ines", RoutineCatalog.FullBody,
            "KQ7M4S", Secrets.Hash("fixture-instructor-key"), "fixture-instructor");
        foreach (var call in Calls(session))
        {
            call();
            await store.WriteAsync();
            await store.TidyAsync();
        }
    }

    /// <summary>The calls every fixture class went through, in order: 13 events.</summary>
    private static IEnumerable<Action> Calls(ClassSession session)
    {
        const string instructor = "fixture-instructor";
        yield return () => session.AdmitInstructor();
        foreach (var n in new[] { 1, 2, 3 })
        {
            yield return () => session.AdmitParent($"fixture-parent-{n}", $"Family {n}");
        }

        yield return () => session.Start(instructor);
        yield return () => session.GoToStep(instructor, 3);
        yield return () => session.GiveCue(instructor, CueKind.Repeat, 3, null);
        yield return () => session.SetTempo(instructor, 24);
        yield return () => session.PostChat("fixture-parent-1", "c1", "hello from Family 1");
        yield return () => session.PostChat("fixture-parent-2", "c2", "hello from Family 2");
        yield return () => session.CheckIn("fixture-parent-2", CheckInStatus.Sleeping, null);
        yield return () => session.SetPresence("fixture-parent-3", online: false);
        yield return () => session.Leave("fixture-parent-3");
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
