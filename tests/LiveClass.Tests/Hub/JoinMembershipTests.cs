using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Tests.Hub;

/// <summary>A connection receives a class's events only once a join has succeeded, and not after its family is removed.</summary>
public sealed class JoinMembershipTests
{
    [Fact]
    public async Task A_connection_whose_joins_keep_failing_hears_nothing_of_the_class()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack, LiveClassServer.UnlimitedChanges);
        await using var intruder = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        var heard = 0;
        intruder.EventReceived += _ => Interlocked.Increment(ref heard);

        using var stop = new CancellationTokenSource();
        var moves = Task.Run(async () =>
        {
            var step = 0;
            while (!stop.IsCancellationRequested)
            {
                await klass.Instructor.Hub.GoToStep(step++ % 10);
            }
        });

        for (var i = 0; i < 150; i++)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => i % 2 == 0
                ? intruder.Hub.JoinAsParent(klass.Created.JoinCode, "")
                : intruder.Hub.JoinAsInstructor(klass.Created.ClassId, "not-the-key"));
            Assert.Matches("^(invalid|forbidden):", error.Message);
        }

        await stop.CancelAsync();
        await moves;
        var last = (await klass.Server.SnapshotAsync(klass.Created.ClassId)).Seq;
        await klass.Parent.WaitForSeqAsync(last);

        Assert.True(last > 20, "the class moved on while the joins failed");
        Assert.Equal(0, heard);
    }

    [Fact]
    public async Task A_removed_family_that_tries_to_join_again_and_fails_hears_nothing_more()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack, LiveClassServer.UnlimitedChanges);
        var removedAt = await klass.Instructor.Hub.RemoveParticipant(klass.Parent.ParticipantId);
        await klass.Parent.WaitForSeqAsync(removedAt);

        // The removed tab asks to join again with a name the class refuses.
        var error = await Assert.ThrowsAsync<HubException>(() => klass.Parent.Hub.JoinAsParent(klass.Created.JoinCode, ""));
        Assert.StartsWith("invalid:", error.Message);

        var later = await klass.Instructor.Hub.GoToStep(4);
        await klass.Instructor.Hub.SendCue("Pause", null, null);
        await klass.Instructor.WaitForSeqAsync(later + 1);
        await Task.Delay(500);

        Assert.Equal(removedAt, klass.Parent.WireSeqsByConnection.Single()[^1]);
        var call = await Assert.ThrowsAsync<HubException>(() => klass.Parent.Hub.SendChat("x", "still here?"));
        Assert.StartsWith("forbidden:", call.Message);
    }

    [Fact]
    public async Task A_joining_connection_misses_no_event_between_its_join_answer_and_the_live_events()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.Json, LiveClassServer.UnlimitedChanges);
        using var stop = new CancellationTokenSource();
        var moves = Task.Run(async () =>
        {
            var step = 0;
            while (!stop.IsCancellationRequested)
            {
                await klass.Instructor.Hub.GoToStep(step++ % 10);
            }
        });

        var families = new List<ClassClient>();
        for (var i = 0; i < 10; i++)
        {
            var family = await ClassClient.ConnectAsync(klass.Server.BaseUrl, WireProtocol.Json);
            await family.JoinAsParentAsync(klass.Created.JoinCode, $"Family {i}");
            families.Add(family);
        }

        await stop.CancelAsync();
        await moves;
        var last = (await klass.Server.SnapshotAsync(klass.Created.ClassId)).Seq;
        var expected = ClassText.Describe(await klass.Server.SnapshotAsync(klass.Created.ClassId));
        foreach (var family in families)
        {
            await family.WaitForSeqAsync(last);
            Assert.Equal(0, family.Gaps);
            Assert.Equal(expected, family.Mirror.Describe());
        }

        foreach (var family in families)
        {
            await family.DisposeAsync();
        }
    }
}
