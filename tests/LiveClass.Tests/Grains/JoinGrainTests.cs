using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

public sealed class JoinGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    [Fact]
    public async Task The_instructor_joins_with_the_right_key()
    {
        var created = await GrainKit.CreateClassAsync(Grains);

        var result = await created.Grain.JoinAsInstructor(created.InstructorKey);

        Assert.Equal(ParticipantRole.Instructor, result.Role);
        Assert.Equal(1, result.Snapshot.Seq);
        var instructor = Assert.Single(result.Snapshot.Participants);
        Assert.Equal(new Participant(result.ParticipantId, "Maya", ParticipantRole.Instructor, true, null), instructor);
        var token = GrainKit.ParseToken(result.RejoinToken);
        Assert.Equal(created.ClassId, token.ClassId);
        Assert.Equal(result.ParticipantId, token.ParticipantId);
        Assert.True(await GrainKit.ParticipantOf(Grains, token).VerifyToken(token.Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-the-key")]
    public async Task A_wrong_instructor_key_is_forbidden(string? key)
    {
        var created = await GrainKit.CreateClassAsync(Grains);

        await GrainKit.AssertRejectedAsync(ErrorCodes.Forbidden, () => created.Grain.JoinAsInstructor(key));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Forbidden, () => created.Grain.JoinAsInstructor(created.InstructorKey + "x"));

        Assert.Equal(0, (await created.Grain.GetSnapshot()).Seq);
    }

    [Fact]
    public async Task The_instructor_joining_again_is_the_same_participant_with_a_new_token()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var first = await created.Grain.JoinAsInstructor(created.InstructorKey);

        var second = await created.Grain.JoinAsInstructor(created.InstructorKey);

        Assert.Equal(first.ParticipantId, second.ParticipantId);
        Assert.NotEqual(first.RejoinToken, second.RejoinToken);
        Assert.Equal(1, second.Snapshot.Seq);
        foreach (var token in new[] { first.RejoinToken, second.RejoinToken }.Select(GrainKit.ParseToken))
        {
            Assert.True(await GrainKit.ParticipantOf(Grains, token).VerifyToken(token.Secret));
        }
    }

    [Fact]
    public async Task A_parent_joins_and_is_in_the_snapshot()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        await created.Grain.JoinAsInstructor(created.InstructorKey);

        var result = await created.Grain.JoinAsParent("  Sam ");

        Assert.Equal(ParticipantRole.Parent, result.Role);
        Assert.Equal(2, result.Snapshot.Seq);
        Assert.Contains(new Participant(result.ParticipantId, "Sam", ParticipantRole.Parent, true, null), result.Snapshot.Participants);
        Assert.Equal(1, (await created.Grain.GetSummary())!.ParticipantCount);
        var token = GrainKit.ParseToken(result.RejoinToken);
        Assert.Equal(result.ParticipantId, token.ParticipantId);
        Assert.True(await GrainKit.ParticipantOf(Grains, token).VerifyToken(token.Secret));
    }

    [Fact]
    public async Task A_parent_with_a_bad_name_is_invalid()
    {
        var created = await GrainKit.CreateClassAsync(Grains);

        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid, () => created.Grain.JoinAsParent(" "));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid, () => created.Grain.JoinAsParent(new string('n', 41)));

        Assert.Equal(0, (await created.Grain.GetSnapshot()).Seq);
    }

    [Fact]
    public async Task A_rejoin_with_a_verified_token_returns_what_was_missed()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var instructor = await created.Grain.JoinAsInstructor(created.InstructorKey);
        var parent = await created.Grain.JoinAsParent("Sam");
        var lastSeen = parent.Snapshot.Seq;
        await created.Grain.StartClass(instructor.ParticipantId);
        await created.Grain.GoToStep(instructor.ParticipantId, 2);

        var token = GrainKit.ParseToken(parent.RejoinToken);
        Assert.True(await GrainKit.ParticipantOf(Grains, token).VerifyToken(token.Secret));
        Assert.False(await GrainKit.ParticipantOf(Grains, token).VerifyToken(Secrets.NewSecret()));
        var rejoined = await created.Grain.Rejoin(token.ParticipantId, lastSeen);

        Assert.Equal(parent.ParticipantId, rejoined.ParticipantId);
        Assert.Equal(ParticipantRole.Parent, rejoined.Role);
        Assert.Null(rejoined.Snapshot);
        Assert.Equal([lastSeen + 1, lastSeen + 2], rejoined.Events.Select(e => e.Seq));
        Assert.Equal([ClassEventKind.ClassStatusChanged, ClassEventKind.StepChanged], rejoined.Events.Select(e => e.Kind));

        var fresh = await created.Grain.Rejoin(token.ParticipantId, 0);
        Assert.NotNull(fresh.Snapshot);
        Assert.Equal(lastSeen + 2, fresh.Snapshot.Seq);
        Assert.Empty(fresh.Events);
    }

    [Fact]
    public async Task A_familys_participant_grain_leaves_memory_after_its_join_and_its_token_still_works()
    {
        var created = await GrainKit.CreateClassAsync(Grains);
        var (parent, token, participant) = await JoinFamilyAsync(created.Grain);

        await WaitUntilNotActiveAsync(participant);
        Assert.True(await participant.VerifyToken(token.Secret));
        await WaitUntilNotActiveAsync(participant);
        Assert.False(await participant.VerifyToken(Secrets.NewSecret()));
        Assert.True(await participant.VerifyToken(token.Secret));
    }

    private async Task WaitUntilNotActiveAsync(IParticipantGrain participant)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var grainId = participant.GetGrainId();
        var deadline = DateTime.UtcNow + GrainKit.Patience;
        while ((await management.GetDetailedGrainStatistics()).Any(s => s.GrainId == grainId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the participant grain stayed active");
            await Task.Delay(50);
        }
    }
}
