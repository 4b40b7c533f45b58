using System.Diagnostics;
using LiveClass.ClusterTests.Infrastructure;
using LiveClass.Contracts;

namespace LiveClass.ClusterTests;

/// <summary>kill -9 of the silo that hosts the class, in the middle of it; then a whole-cluster restart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Theory(Timeout = 240_000)]
    [InlineData(StoreKind.AzureStorage)]
    [InlineData(StoreKind.Redis)]
    public async Task A_killed_silo_loses_nothing_and_a_restarted_cluster_has_every_class_intact(StoreKind store)
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalCluster.StartAsync(store);
        try
        {
            await using var scenario = await LiveClassScenario.StartAsync(cluster, parents: 30);
            using var activity = new CancellationTokenSource();
            var running = scenario.RunActivityAsync(activity.Token);
            await Task.Delay(TimeSpan.FromSeconds(4));

            // The hardest silo to lose: the one hosting the class's grain, with a third of the families.
            var victim = await cluster.FindClassHostAsync() ?? throw new InvalidOperationException("no silo hosts the class");
            var stranded = scenario.Parents.Where(p => p.Url == victim.Url).ToList();
            var away = stranded.Take(3).ToList();
            away.ForEach(p => p.StopReconnecting());
            var seqBeforeKill = scenario.Instructor.LastSeq;
            var killedAt = Stopwatch.StartNew();
            victim.Kill();
            output.WriteLine($"killed silo {victim.Number} at seq {seqBeforeKill} with {stranded.Count} families; {away.Count} of them stay away");

            // Presence: the families that came back elsewhere are online, the ones that stayed away offline, within a minute.
            var awayIds = away.Select(p => p.ParticipantId).ToHashSet();
            var presenceSettled = await WaitForPresenceAsync(scenario, awayIds, TimeSpan.FromSeconds(60));
            output.WriteLine($"presence right {presenceSettled.TotalSeconds:0.0} s after the kill");
            Assert.True(presenceSettled < TimeSpan.FromSeconds(60));
            Assert.All(stranded.Except(away), p => Assert.True(p.IsConnected && p.Url != victim.Url, $"{p.Name} did not reconnect elsewhere"));

            // The class went on: events after the kill were acknowledged.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await activity.CancelAsync();
            await running;
            Assert.Contains(scenario.Acks, a => a.Seq > seqBeforeKill);
            var final = await scenario.FinalEventAsync(step: 3);
            var present = scenario.Everyone.Except(away).ToList();
            await Task.WhenAll(present.Select(c => c.WaitForSeqAsync(final, TimeSpan.FromSeconds(30))));

            foreach (var client in present)
            {
                History.AssertContiguous(client, final);
                History.AssertSameHistory(client, scenario.Instructor);
            }

            History.AssertAcknowledgedIn(scenario.Instructor.Applied, scenario.Acks);
            var before = await scenario.SnapshotAsync(TimeSpan.FromSeconds(20));
            History.AssertSnapshotMatches(before, scenario.Instructor.Applied, scenario.Acks);
            output.WriteLine($"after the kill: seq {final}, {scenario.Acks.Count} acknowledged calls, " +
                $"{present.Sum(c => c.Reconnects)} reconnects, {clock.Elapsed.TotalSeconds:0.0} s in");

            // The whole cluster stops, the store too (it keeps its data on disk), and everything starts again.
            var lastSeqs = scenario.Everyone.ToDictionary(c => c.Token, c => c.LastSeq);
            foreach (var client in scenario.Everyone)
            {
                client.StopReconnecting();
            }

            await cluster.StopAllAsync();
            await scenario.DisposeClientsAsync();
            await cluster.Store.StopAsync();
            await cluster.Store.StartAsync();
            await cluster.StartAllAsync();
            output.WriteLine($"cluster restarted at {clock.Elapsed.TotalSeconds:0.0} s");

            var summary = await ClassApi.GetClassAsync(cluster[2].Url, scenario.Class.JoinCode);
            Assert.NotNull(summary);
            Assert.Equal(ClassStatus.Live, summary.Status);
            Assert.Equal(30, summary.ParticipantCount);

            var after = await scenario.SnapshotAsync(TimeSpan.FromSeconds(30));
            AssertSameClass(before, after);

            // Every old rejoin token works, on any silo, and brings exactly the events missed.
            var urls = scenario.Urls;
            var rejoined = new List<ClassClient>();
            var index = 0;
            foreach (var client in scenario.Everyone)
            {
                var (fresh, result) = await ClassClient.RejoinAsync(client.Name, client.Token, lastSeqs[client.Token], urls, index++);
                Assert.Null(result.Snapshot);
                Assert.Equal(result.Events.Select(e => e.Seq), Enumerable.Range(0, result.Events.Count).Select(i => lastSeqs[client.Token] + 1 + i));
                rejoined.Add(fresh);
            }

            // And the class goes on.
            var instructor = rejoined[0];
            var next = await instructor.InvokeAsync<long>("GoToStep", 4);
            await Task.WhenAll(rejoined.Select(c => c.WaitForSeqAsync(next, TimeSpan.FromSeconds(30))));
            foreach (var client in rejoined)
            {
                await client.DisposeAsync();
            }

            output.WriteLine($"all {rejoined.Count} tokens rejoined after the restart; class at seq {next}; {clock.Elapsed.TotalSeconds:0.0} s");
        }
        catch
        {
            output.WriteLine(cluster.LogSummary());
            throw;
        }
    }

    private static async Task<TimeSpan> WaitForPresenceAsync(LiveClassScenario scenario, IReadOnlySet<string> away, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout + TimeSpan.FromSeconds(10))
        {
            try
            {
                var snapshot = await scenario.SnapshotAsync(TimeSpan.FromSeconds(5));
                var wrong = snapshot.Participants.Where(p => p.Online == away.Contains(p.ParticipantId)).ToList();
                if (wrong.Count == 0)
                {
                    return clock.Elapsed;
                }

                last = string.Join(", ", wrong.Select(p => $"{p.DisplayName}={(p.Online ? "online" : "offline")}"));
            }
            catch (Exception exception)
            {
                last = exception.Message;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"presence still wrong after {clock.Elapsed}: {last}");
    }

    private static void AssertSameClass(ClassSnapshot before, ClassSnapshot after)
    {
        Assert.Equal(before.ClassId, after.ClassId);
        Assert.Equal(before.Title, after.Title);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.StepIndex, after.StepIndex);
        Assert.Equal(before.Cue, after.Cue);
        Assert.Equal(before.JoinCode, after.JoinCode);
        // Only presence may have moved on since (families shown online until a silo reports them).
        Assert.True(after.Seq >= before.Seq, $"seq went back from {before.Seq} to {after.Seq}");
        Assert.Equal(
            before.Participants.Select(p => (p.ParticipantId, p.DisplayName, p.Role, p.CheckIn)),
            after.Participants.Select(p => (p.ParticipantId, p.DisplayName, p.Role, p.CheckIn)));
        Assert.Equal(before.Chat, after.Chat);
    }
}
