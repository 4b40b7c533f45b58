using LiveClass.Contracts;
using LiveClass.Tests.Hub;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveClass.Tests.Client;

/// <summary>The .NET client as a program uses it, against the real server: it gets back in step by itself.</summary>
public sealed class ClassFollowerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_follower_whose_link_is_cut_reconnects_and_rejoins_by_itself_and_misses_nothing()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack);
        var link = new ThrottledProxy(klass.Server.BaseUrl, bytesPerSecond: 10_000_000);
        var connections = 0;
        await using var follower = new ClassFollower(() => new HubConnectionBuilder()
            .WithClassHub(Interlocked.Increment(ref connections) == 1 ? link.BaseUrl : klass.Server.BaseUrl)
            .AddClassProtocol(WireProtocol.MessagePack)
            .Build());
        var applied = new List<long>();
        follower.EventApplied += evt =>
        {
            lock (applied)
            {
                applied.Add(evt.Seq);
            }
        };
        var backInStep = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        follower.BackInStep += () => backInStep.TrySetResult();
        await follower.ConnectAsync();
        var joined = await follower.JoinAsParentAsync(klass.Created.JoinCode, "The Okafors");
        using var wait = new CancellationTokenSource(Patience);
        await follower.WaitForSeqAsync(await klass.Instructor.Hub.GoToStep(3), wait.Token);

        // The link goes down; the class goes on meanwhile.
        await link.DisposeAsync();
        await klass.Instructor.Hub.SendCue(nameof(CueKind.Repeat), 2, null);
        await backInStep.Task.WaitAsync(Patience);
        var last = await klass.Instructor.Hub.SetTempo(30);
        await follower.WaitForSeqAsync(last, wait.Token);

        Assert.Equal(2, connections);
        Assert.Equal(1, follower.Reconnects);
        Assert.Equal(0, follower.SnapshotResets);
        Assert.Equal(0, follower.Gaps);
        lock (applied)
        {
            // Every event after the join, once each and in order, across the cut.
            Assert.Equal(Enumerable.Range(1, (int)(last - joined.Snapshot.Seq)).Select(i => joined.Snapshot.Seq + i), applied);
        }

        Assert.Equal(ClassText.Describe(await klass.Server.SnapshotAsync(klass.Created.ClassId)), follower.Mirror.Describe());
    }
}
