using LiveClass.ClusterTests.Infrastructure;

namespace LiveClass.ClusterTests;

/// <summary>One class, 30 parents spread over three silos, the instructor on the first.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FanOutTests(ITestOutputHelper output)
{
    private const int Parents = 30;

    [Theory(Timeout = 180_000)]
    [InlineData(StoreKind.AzureStorage)]
    [InlineData(StoreKind.Redis)]
    public Task Every_parent_on_every_silo_receives_every_event_exactly_once_in_order(StoreKind store) =>
        LiveClassScenario.RunAsync(store, Parents, output, async (cluster, scenario, clock) =>
        {
            Assert.Equal(cluster[1].Url, scenario.Instructor.Url);
            Assert.All(cluster.Silos, silo => Assert.Equal(Parents / cluster.Silos.Count, scenario.Parents.Count(p => p.Url == silo.Url)));

            using (var activity = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                await scenario.RunActivityAsync(activity.Token);
            }

            var final = await scenario.SettleAsync(step: 0);
            foreach (var client in scenario.Everyone)
            {
                History.AssertReceivedExactlyOnceInOrder(client, final);
                Assert.Equal(0, client.Reconnects);
            }

            output.WriteLine($"{scenario.Parents.Count} parents, {final} events, {scenario.Acks.Count} acknowledged calls, {clock.Elapsed.TotalSeconds:0.0} s");
        });
}
