using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Hub;

/// <summary>
/// A call whose change is stored answers as done even when a step after it fails (the silo that
/// holds the class or a family's tokens going away): an <c>unavailable</c> then would have the
/// client repeat a join, a leave or a removal that already happened.
/// </summary>
public sealed class FailureAfterTheChangeTests : IAsyncLifetime
{
    private readonly GrainCallFaults _faults = new();
    private LiveClassServer? _server;

    private LiveClassServer Server => _server!;

    public async ValueTask InitializeAsync() =>
        _server = await LiveClassServer.StartAsync(
            services => services.AddSingleton<IIncomingGrainCallFilter>(_faults),
            "LiveClass:BridgeRenewalPeriod=00:00:01", "LiveClass:BridgeSubscriptionLifetime=00:00:05");

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_join_whose_presence_report_fails_answers_and_is_one_family_shown_online_by_the_next_renewal()
    {
        var created = await Server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(Server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var parent = await ClassClient.ConnectAsync(Server.BaseUrl);

        JoinResult joined;
        using (_faults.Fail<IClassSessionGrain>(nameof(IClassSessionGrain.ReportPresence)))
        {
            joined = await parent.JoinAsParentAsync(created.JoinCode, "The Garcias");
            Assert.True(_faults.Failed > 0, "the presence report was not made to fail");
            var family = Assert.Single((await Server.SnapshotAsync(created.ClassId)).Participants, p => p.Role == ParticipantRole.Parent);
            Assert.Equal(joined.ParticipantId, family.ParticipantId);
        }

        // The family is joined: its calls work, and the renewal reports its connection.
        await parent.Hub.SendChat("c1", "Here!");
        await Eventually.WaitUntilAsync(async () => (await Server.SnapshotAsync(created.ClassId)).Participants
            .Any(p => p.ParticipantId == joined.ParticipantId && p.Online));
        Assert.Single((await Server.SnapshotAsync(created.ClassId)).Participants, p => p.Role == ParticipantRole.Parent);
    }

    [Fact]
    public async Task A_leave_whose_presence_report_fails_answers_and_the_family_is_off_the_roster()
    {
        var created = await Server.CreateClassAsync();
        await using var parent = await ClassClient.ConnectAsync(Server.BaseUrl);
        var joined = await parent.JoinAsParentAsync(created.JoinCode, "The Garcias");

        using (_faults.Fail<IClassSessionGrain>(nameof(IClassSessionGrain.ReportPresence)))
        {
            await parent.Hub.Leave();
            Assert.True(_faults.Failed > 0, "the presence report was not made to fail");
        }

        Assert.DoesNotContain((await Server.SnapshotAsync(created.ClassId)).Participants, p => p.ParticipantId == joined.ParticipantId);
        var error = await Assert.ThrowsAsync<HubException>(() => parent.Hub.SendChat("c1", "still here?"));
        Assert.StartsWith("not_joined:", error.Message);
    }

    [Fact]
    public async Task A_removal_whose_token_revoke_fails_answers_and_the_family_is_still_shut_out()
    {
        var created = await Server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(Server.BaseUrl);
        await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var parent = await ClassClient.ConnectAsync(Server.BaseUrl);
        await parent.JoinAsParentAsync(created.JoinCode, "The Garcias");

        long removedAt;
        using (_faults.Fail<IParticipantGrain>(nameof(IParticipantGrain.Revoke)))
        {
            removedAt = await instructor.Hub.RemoveParticipant(parent.ParticipantId);
            Assert.True(_faults.Failed > 0, "the revoke was not made to fail");
        }

        await parent.WaitForSeqAsync(removedAt);
        Assert.DoesNotContain((await Server.SnapshotAsync(created.ClassId)).Participants, p => p.ParticipantId == parent.ParticipantId);

        // The token was not revoked, and the class refuses it all the same.
        await using var device = await ClassClient.ConnectAsync(Server.BaseUrl);
        var rejoin = await Assert.ThrowsAsync<HubException>(() => device.RejoinAsync(parent.Token));
        Assert.StartsWith("forbidden:", rejoin.Message);
        var chat = await Assert.ThrowsAsync<HubException>(() => parent.Hub.SendChat("c1", "hello?"));
        Assert.StartsWith("forbidden:", chat.Message);

        // Asked again, the instructor hears the family is already gone, and nothing changes.
        var before = ClassText.Describe(await Server.SnapshotAsync(created.ClassId));
        var again = await Assert.ThrowsAsync<HubException>(() => instructor.Hub.RemoveParticipant(parent.ParticipantId));
        Assert.StartsWith("not_found:", again.Message);
        Assert.Equal(before, ClassText.Describe(await Server.SnapshotAsync(created.ClassId)));
    }
}
