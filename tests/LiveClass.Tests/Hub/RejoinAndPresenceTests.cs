using LiveClass.Contracts;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Tests.Hub;

public sealed class RejoinAndPresenceTests
{
    [Fact]
    public async Task Rejoin_returns_the_missed_events_and_adds_no_participant()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack);
        await klass.Parent.DropAsync();
        var missed = new[]
        {
            await klass.Instructor.Hub.StartClass(),
            await klass.Instructor.Hub.GoToStep(2),
            await klass.Instructor.Hub.SendChat("hi", "Welcome back soon"),
        };

        var result = await klass.Parent.ReconnectAsync();

        Assert.Null(result.Snapshot);
        Assert.Equal(missed, result.Events.Select(e => e.Seq).Take(3));
        Assert.DoesNotContain(result.Events, e => e.Kind == ClassEventKind.ParticipantJoined);
        var snapshot = await klass.Server.SnapshotAsync(klass.Created.ClassId);
        await klass.Parent.WaitForSeqAsync(snapshot.Seq);
        Assert.Equal(ClassText.Describe(snapshot), klass.Parent.Mirror.Describe());
        Assert.Equal(2, snapshot.Participants.Count);
    }

    [Fact]
    public async Task Rejoin_gives_a_snapshot_for_seq_zero_none_or_a_seq_from_the_future()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.Json);
        var fromZero = await klass.Parent.Hub.Rejoin(klass.Parent.Token, 0L);
        var fromFuture = await klass.Parent.Hub.Rejoin(klass.Parent.Token, 9_999L);
        var fromNone = await klass.Parent.Hub.Rejoin(klass.Parent.Token, null);
        Assert.NotNull(fromZero.Snapshot);
        Assert.Empty(fromZero.Events);
        Assert.NotNull(fromFuture.Snapshot);
        Assert.Equal(fromZero.Snapshot!.Seq, fromFuture.Snapshot!.Seq);
        Assert.Equal(fromZero.Snapshot.Seq, fromNone.Snapshot?.Seq);
        Assert.Empty(fromNone.Events);
    }

    [Fact]
    public async Task Rejoin_gives_a_snapshot_when_the_missed_events_are_no_longer_kept()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack, "LiveClass:EventLogCapacity=20",
            "Limits:ChangesBurst=1000", "Limits:ChangesPerParticipantPerMinute=100000", "Limits:ChangesPerConnectionPerMinute=100000");
        var lastSeq = klass.Parent.Mirror.LastSeq;
        await klass.Parent.DropAsync();
        for (var i = 0; i < 30; i++)
        {
            await klass.Instructor.Hub.GoToStep(i % 5);
        }

        var result = await klass.Parent.ReconnectAsync();
        Assert.NotNull(result.Snapshot);
        Assert.True(result.Snapshot!.Seq > lastSeq + 20);
        Assert.Equal(ClassText.Describe(await klass.Server.SnapshotAsync(klass.Created.ClassId)), klass.Parent.Mirror.Describe());
    }

    [Fact]
    public async Task Two_tabs_of_one_family_are_one_participant_with_two_connections()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack);
        await using var secondTab = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        await secondTab.RejoinAsync(klass.Parent.Token);

        var seq = await klass.Instructor.Hub.GoToStep(4);
        await klass.Parent.WaitForSeqAsync(seq);
        await secondTab.WaitForSeqAsync(seq);

        var snapshot = await klass.Server.SnapshotAsync(klass.Created.ClassId);
        Assert.Single(snapshot.Participants, p => p.Role == ParticipantRole.Parent);
        Assert.Equal(klass.Parent.ParticipantId, secondTab.ParticipantId);

        // Closing one tab leaves the family online.
        await secondTab.DropAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True((await klass.Server.SnapshotAsync(klass.Created.ClassId)).Participants.Single(p => p.ParticipantId == klass.Parent.ParticipantId).Online);
    }

    [Fact]
    public async Task A_family_shows_offline_only_after_the_grace_period_and_a_quick_reconnect_does_not_flicker()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack, "LiveClass:PresenceGracePeriod=00:00:01.500");
        var presence = new List<ClassEvent>();
        klass.Instructor.EventReceived += e =>
        {
            if (e.Kind == ClassEventKind.PresenceChanged)
            {
                lock (presence)
                {
                    presence.Add(e);
                }
            }
        };

        // Back within the grace period: no presence change at all.
        await klass.Parent.DropAsync();
        await Task.Delay(300);
        await klass.Parent.ReconnectAsync();
        await Task.Delay(2500);
        lock (presence)
        {
            Assert.Empty(presence);
        }

        // Gone for good: offline, but not before the grace period.
        await klass.Parent.DropAsync();
        await Task.Delay(700);
        lock (presence)
        {
            Assert.Empty(presence);
        }

        await Eventually.WaitUntilAsync(() => { lock (presence) { return presence.Count == 1; } });
        var offline = presence.Single();
        Assert.Equal(klass.Parent.ParticipantId, offline.ParticipantId);
        Assert.False(offline.Online);

        // Coming back is one PresenceChanged online, not a new participant.
        var result = await klass.Parent.ReconnectAsync();
        await Eventually.WaitUntilAsync(() => { lock (presence) { return presence.Count == 2; } });
        Assert.True(presence[1].Online);
        Assert.Single((await klass.Server.SnapshotAsync(klass.Created.ClassId)).Participants, p => p.Role == ParticipantRole.Parent);
        Assert.DoesNotContain(result.Events, e => e.Kind == ClassEventKind.ParticipantJoined);
    }

    [Fact]
    public async Task Leave_takes_the_family_off_the_roster_and_its_token_can_still_rejoin()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.Json);
        await klass.Parent.Hub.Leave();
        var snapshot = await klass.Server.SnapshotAsync(klass.Created.ClassId);
        Assert.DoesNotContain(snapshot.Participants, p => p.ParticipantId == klass.Parent.ParticipantId);
        await Assert.ThrowsAsync<HubException>(() => klass.Parent.Hub.SendChat("x", "still here?"));

        var result = await klass.Parent.RejoinAsync();
        Assert.Equal(klass.Parent.ParticipantId, result.ParticipantId);
        Assert.Contains((await klass.Server.SnapshotAsync(klass.Created.ClassId)).Participants, p => p.ParticipantId == klass.Parent.ParticipantId);
    }

    [Fact]
    public async Task Removal_revokes_the_token_at_once_and_the_family_hears_nothing_after_it()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack);
        await using var secondTab = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        await secondTab.RejoinAsync(klass.Parent.Token);

        var removedAt = await klass.Instructor.Hub.RemoveParticipant(klass.Parent.ParticipantId);
        await klass.Parent.WaitForSeqAsync(removedAt);
        await secondTab.WaitForSeqAsync(removedAt);
        var after = await klass.Instructor.Hub.GoToStep(5);
        await klass.Instructor.WaitForSeqAsync(after);
        await Task.Delay(500);

        foreach (var tab in new[] { klass.Parent, secondTab })
        {
            Assert.Equal(removedAt, tab.WireSeqsByConnection[^1][^1]);
            var error = await Assert.ThrowsAsync<HubException>(() => tab.Hub.SendChat("x", "hello?"));
            Assert.StartsWith("forbidden:", error.Message);
        }

        await using var device = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => device.RejoinAsync(klass.Parent.Token));
        Assert.StartsWith("forbidden:", rejoin.Message);

        // Removal is not a ban: the family may join again under a new name.
        var again = await device.JoinAsParentAsync(klass.Created.JoinCode, "The Garcias (laptop)");
        Assert.NotEqual(klass.Parent.ParticipantId, again.ParticipantId);
    }

    [Fact]
    public async Task A_removed_familys_open_tab_is_still_forbidden_once_the_class_has_ended()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.Json);
        await klass.Instructor.Hub.StartClass();
        var removedAt = await klass.Instructor.Hub.RemoveParticipant(klass.Parent.ParticipantId);
        await klass.Parent.WaitForSeqAsync(removedAt);
        await klass.Instructor.Hub.EndClass();

        await klass.ExpectErrorAsync(klass.Parent, "forbidden:", nameof(IClassHub.SendChat), "after-end", "hello?");
        await klass.ExpectErrorAsync(klass.Parent, "forbidden:", nameof(IClassHub.CheckIn), "Done", null);
        await klass.ExpectErrorAsync(klass.Parent, "forbidden:", nameof(IClassHub.Leave));
        await klass.ExpectErrorAsync(klass.Parent, "forbidden:", nameof(IClassHub.GoToStep), 1);
        await using var device = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => device.RejoinAsync(klass.Parent.Token));
        Assert.StartsWith("forbidden:", rejoin.Message);
        Assert.Equal(removedAt + 1, (await klass.Server.SnapshotAsync(klass.Created.ClassId)).Seq);
    }

    [Fact]
    public async Task The_instructor_joining_again_is_the_same_participant_with_a_new_token_and_old_tokens_still_work()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack);
        await using var laptop = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        var again = await laptop.JoinAsInstructorAsync(klass.Created.ClassId, klass.Created.InstructorKey);

        Assert.Equal(klass.Instructor.ParticipantId, again.ParticipantId);
        Assert.NotEqual(klass.Instructor.Token, again.RejoinToken);
        Assert.Single(again.Snapshot.Participants, p => p.Role == ParticipantRole.Instructor);

        await using var phone = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        var rejoined = await phone.RejoinAsync(klass.Instructor.Token);
        Assert.Equal(ParticipantRole.Instructor, rejoined.Role);
        Assert.True(await phone.Hub.GoToStep(1) > 0);
    }

    [Fact]
    public async Task A_class_left_alone_ends_by_itself_and_still_answers_rejoin()
    {
        await using var klass = await RunningClass.StartAsync(WireProtocol.MessagePack, "LiveClass:IdleTimeout=00:00:02");
        await Eventually.WaitUntilAsync(() => klass.Parent.Mirror.Status == ClassStatus.Ended, TimeSpan.FromSeconds(20));

        await using var device = await ClassClient.ConnectAsync(klass.Server.BaseUrl);
        var result = await device.RejoinAsync(klass.Parent.Token);
        Assert.Equal(ClassStatus.Ended, result.Snapshot!.Status);
    }
}
