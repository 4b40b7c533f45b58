using LiveClass.Grains.Observability;
using LiveClass.Server.Realtime;
using LiveClass.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Hub;

/// <summary>
/// Rule 8 of docs/protocol.md: a client that stops reading costs its own connection and nothing else.
/// A real stuck client (a raw socket with a 4 KiB receive buffer that joins, stops reading and
/// keeps pinging) sits in class A while A's instructor moves steps as fast as the server takes
/// them and class B, on the same server, gets a cue every 100 ms.
/// </summary>
[Collection(MeasuredLatencyCollection.Name)]
public sealed class StuckClientTests
{
    private static readonly TimeSpan MaxQueueAge = TimeSpan.FromSeconds(3);

    /// <summary>Changes as fast as the server takes them, and a log long enough that a rejoin after the close still catches up.</summary>
    private static readonly string[] Settings =
        [.. LiveClassServer.UnlimitedChanges, $"Delivery:MaxQueueAge={MaxQueueAge:c}", "LiveClass:EventLogCapacity=50000"];

    /// <param name="statefulReconnect">Whether the stuck client negotiated stateful reconnect: the
    /// server's buffer of unacknowledged messages is then one more bound, never a reason to wait.</param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_that_stops_reading_is_closed_and_slows_no_one_and_then_rejoins_in_sync(bool statefulReconnect)
    {
        await using var server = await LiveClassServer.StartAsync(Settings);
        await using var classA = await MeasuredClass.StartAsync(server.BaseUrl, name => server.CreateClassAsync(name), "A");
        await using var classB = await MeasuredClass.StartAsync(server.BaseUrl, name => server.CreateClassAsync(name), "B");
        var connections = server.Services.GetRequiredService<LocalConnections>();
        using var tooSlow = new TooSlowClosures(server.Services.GetRequiredService<LiveClassMetrics>());

        // The same load without the stuck client, as the yardstick.
        var baseline = await RunRoundAsync(classA, classB, minimum: TimeSpan.FromSeconds(5), until: () => true);
        var baselineB = classB.P99();

        await using var stuck = await RawHubClient.ConnectAsync(server.BaseUrl, receiveBufferSize: 4096, statefulReconnect);
        var joined = await stuck.JoinAsParentAsync(classA.Created.JoinCode, "The frozen phone");
        stuck.StopReadingKeepPinging(TimeSpan.FromSeconds(1));
        long? closedAt = null;
        var loaded = await RunRoundAsync(classA, classB, minimum: TimeSpan.FromSeconds(5), until: () =>
        {
            if (connections.CountFor(classA.Created.ClassId, joined.ParticipantId) == 0)
            {
                closedAt ??= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            }

            return closedAt is not null;
        });

        Assert.True(closedAt is not null, "the stuck connection was never closed");
        Assert.True(classB.P99() <= Math.Max(2 * baselineB, 500), $"class B p99 {classB.P99()} ms against {baselineB} ms without the stuck client");
        Assert.True(classA.P99() < 1000, $"class A's healthy families p99 {classA.P99()} ms");
        classA.AssertNoGaps();
        classB.AssertNoGaps();
        Assert.True(loaded.A > baseline.A + 100, "class A's instructor kept moving while the client was stuck");

        // The phone reads again: it gets what the server had written, in order with no gap, then the close.
        await stuck.ReadUntilClosedAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(stuck.ClosedWith);
        var mirror = new ClassMirror();
        mirror.ApplySnapshot(joined.Snapshot);
        var sequencer = new ClassSequencer(mirror.Apply);
        sequencer.Resume(joined.Snapshot.Seq, []);
        foreach (var evt in stuck.Events)
        {
            Assert.NotEqual(SequenceOutcome.Gap, sequencer.Offer(evt));
        }

        // A fresh connection rejoins by seq and is in sync.
        await using var again = await ClassClient.ConnectAsync(server.BaseUrl, WireProtocol.Json, mirror);
        var rejoined = await again.RejoinAsync(joined.RejoinToken);
        Assert.Null(rejoined.Snapshot);
        Assert.NotEmpty(rejoined.Events);

        // Closed by its outbox's bound (not by a transport timeout), while the class went on. What
        // the kernel's socket buffers took before the outbox filled up counts as written, so the
        // first event it missed is older than its queue's oldest: that time is reported, not bound.
        Assert.Equal(1, tooSlow.Count);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"closed ({tooSlow.Single()}) {closedAt - rejoined.Events[0].At} ms after the first event it never got; "
            + $"B p99 {classB.P99()} ms (without it {baselineB} ms), A p99 {classA.P99()} ms");

        var last = await classA.Instructor.Hub.GoToStep(2);
        await again.WaitForSeqAsync(last);
        Assert.Equal(ClassText.Describe(await server.SnapshotAsync(classA.Created.ClassId)), again.Mirror.Describe());
        Assert.Equal(0, again.Gaps);
    }

    /// <summary>
    /// Class A's instructor moves steps back to back and class B's sends a cue every 100 ms, for at
    /// least <paramref name="minimum"/> and until <paramref name="until"/> holds (at most 45 s);
    /// then waits until every family has everything. Returns the last seq of each class.
    /// </summary>
    private static async Task<(long A, long B)> RunRoundAsync(MeasuredClass classA, MeasuredClass classB, TimeSpan minimum, Func<bool> until)
    {
        classA.StartRound();
        classB.StartRound();
        var (lastA, lastB) = await TwoClassLoad.RunAsync(classA.Instructor.Hub, classB.Instructor.Hub, minimum,
            () => Task.FromResult(until()), limit: TimeSpan.FromSeconds(45), poll: TimeSpan.FromMilliseconds(50));
        await classA.CaughtUpAsync(lastA, TimeSpan.FromSeconds(30));
        await classB.CaughtUpAsync(lastB, TimeSpan.FromSeconds(30));
        return (lastA, lastB);
    }
}
