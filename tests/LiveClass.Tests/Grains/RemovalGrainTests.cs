using LiveClass.Contracts;

namespace LiveClass.Tests.Grains;

public sealed class RemovalGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    [Fact]
    public async Task Removing_a_family_revokes_its_tokens_at_once()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var (parent, token, participant) = await JoinFamilyAsync(grain);
        Assert.True(await participant.VerifyToken(token.Secret));
        var observer = await WatchAsync(grain);

        var seq = await grain.RemoveParticipant(instructor, parent.ParticipantId);

        Assert.False(await participant.VerifyToken(token.Secret));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Forbidden, () => grain.Rejoin(parent.ParticipantId, 0));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Forbidden, () => grain.SendChat(parent.ParticipantId, "c1", "hi"));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Forbidden, () => grain.CheckIn(parent.ParticipantId, nameof(CheckInStatus.Ready), null));
        Assert.DoesNotContain((await grain.GetSnapshot()).Participants, p => p.ParticipantId == parent.ParticipantId);

        var removed = Assert.Single(await observer.WaitForCountAsync(1));
        Assert.Equal(seq, removed.Seq);
        Assert.Equal(ClassEventKind.ParticipantRemoved, removed.Kind);
        Assert.Equal(parent.ParticipantId, removed.ParticipantId);

        await DeactivateAsync(participant);
        Assert.False(await participant.VerifyToken(token.Secret));
    }

    [Fact]
    public async Task A_removed_family_may_join_again_as_a_new_participant()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var first = await grain.JoinAsParent("Sam");
        await grain.RemoveParticipant(instructor, first.ParticipantId);

        var again = await grain.JoinAsParent("Sam");

        Assert.NotEqual(first.ParticipantId, again.ParticipantId);
        var token = GrainKit.ParseToken(again.RejoinToken);
        Assert.True(await GrainKit.ParticipantOf(Grains, token).VerifyToken(token.Secret));
        Assert.Equal(1, (await grain.GetSummary())!.ParticipantCount);
    }

    [Fact]
    public async Task A_parent_cannot_remove_anyone()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var grain = created.Grain;
        var sam = await grain.JoinAsParent("Sam");
        var alex = await grain.JoinAsParent("Alex");

        await GrainKit.AssertRejectedAsync(ErrorCodes.Forbidden, () => grain.RemoveParticipant(sam.ParticipantId, alex.ParticipantId));

        var token = GrainKit.ParseToken(alex.RejoinToken);
        Assert.True(await GrainKit.ParticipantOf(Grains, token).VerifyToken(token.Secret));
    }
}
