using System.Diagnostics;
using LiveClass.ClusterTests.Infrastructure;

namespace LiveClass.ClusterTests;

/// <summary>A rolling restart (SIGTERM, start, ready; one silo after the other) during a live class.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    [Theory(Timeout = 240_000)]
    [InlineData(StoreKind.AzureStorage)]
    [InlineData(StoreKind.Redis)]
    public Task A_rolling_restart_during_a_live_class_loses_nothing(StoreKind store) =>
        LiveClassScenario.RunAsync(store, parents: 30, output, async (cluster, scenario, clock) =>
        {
            using var activity = new CancellationTokenSource();
            var running = scenario.RunActivityAsync(activity.Token);
            await Task.Delay(TimeSpan.FromSeconds(3));

            foreach (var silo in cluster.Silos)
            {
                var seq = scenario.Instructor.LastSeq;
                var stop = Stopwatch.StartNew();
                Assert.True(await silo.StopAsync(TimeSpan.FromSeconds(30)), $"silo {silo.Number} did not stop gracefully");
                output.WriteLine($"silo {silo.Number} stopped gracefully in {stop.Elapsed.TotalSeconds:0.0} s at seq {seq}");
                await cluster.StartSiloAsync(silo.Number);
                output.WriteLine($"silo {silo.Number} ready again after {stop.Elapsed.TotalSeconds:0.0} s");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            await activity.CancelAsync();
            await running;
            var final = await scenario.SettleAsync(step: 2);
            var snapshot = await scenario.SnapshotAsync(TimeSpan.FromSeconds(20));
            History.AssertSnapshotMatches(snapshot, scenario.Instructor.Applied, scenario.Acks);
            Assert.All(scenario.Everyone, c => Assert.True(c.Reconnects > 0, $"{c.Name} never had to move"));

            // Everyone came back, so everyone is online once the dust settles.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((snapshot = await scenario.SnapshotAsync(TimeSpan.FromSeconds(20))).Participants.Any(p => !p.Online))
            {
                Assert.True(DateTime.UtcNow < deadline, "families still shown offline: " +
                    string.Join(", ", snapshot.Participants.Where(p => !p.Online).Select(p => p.DisplayName)));
                await Task.Delay(500);
            }

            output.WriteLine($"seq {final}, {scenario.Acks.Count} acknowledged calls, {scenario.Everyone.Sum(c => c.Reconnects)} reconnects, " +
                $"{clock.Elapsed.TotalSeconds:0.0} s");
        });
}
