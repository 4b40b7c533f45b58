using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Hub;

/// <summary>Rule 8 of docs/protocol.md for an honest slow link: it gets everything, late and in order, and slows no one.</summary>
[Collection(MeasuredLatencyCollection.Name)]
public sealed class SlowLinkTests
{
    private const int LinkBytesPerSecond = 20 * 1024;

    [Fact]
    public async Task A_family_on_a_20_KB_per_second_link_gets_every_event_late_in_order_and_nobody_else_waits()
    {
        await using var server = await LiveClassServer.StartAsync(LiveClassServer.UnlimitedChanges);
        await using var proxy = new ThrottledProxy(server.BaseUrl, LinkBytesPerSecond);
        await using var classA = await MeasuredClass.StartAsync(server.BaseUrl, name => server.CreateClassAsync(name), "A");
        await using var slow = await ClassClient.ConnectAsync(proxy.BaseUrl);
        await slow.JoinAsParentAsync(classA.Created.JoinCode, "The slow link");
        var slowLatencies = new List<double>();
        slow.EventReceived += evt =>
        {
            lock (slowLatencies)
            {
                slowLatencies.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - evt.At);
            }
        };

        // A burst of step changes several times what the link carries in a second, then calm.
        classA.StartRound();
        long last = 0;
        for (var i = 0; i < 200; i++)
        {
            last = await classA.Instructor.Hub.GoToStep(i % 10);
        }

        await classA.CaughtUpAsync(last, TimeSpan.FromSeconds(30));
        await slow.WaitForSeqAsync(last, TimeSpan.FromSeconds(90));

        // Every event on its one connection, in order, nothing missing.
        Assert.Single(slow.WireSeqsByConnection);
        Assert.Equal(0, slow.Gaps);
        var seqs = slow.WireSeqsByConnection.Single();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(last, seqs[^1]);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());

        // It was slow (the link held it back) and the others were not.
        double slowest;
        lock (slowLatencies)
        {
            slowest = slowLatencies.Max();
        }

        Assert.True(slowest > 1000, $"the slow link's latest event took only {slowest} ms: the throttle did not bite");
        Assert.True(classA.P99() < 1000, $"the other families' p99 was {classA.P99()} ms");
        classA.AssertNoGaps();
        TestContext.Current.TestOutputHelper?.WriteLine($"slow link: latest event {slowest} ms late; others p99 {classA.P99()} ms");
    }
}
