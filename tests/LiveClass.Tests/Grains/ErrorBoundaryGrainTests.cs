using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Grains;

/// <summary>A rule broken inside the grain reaches the caller as the same <see cref="LiveClassException"/>.</summary>
public sealed class ErrorBoundaryGrainTests(ClusterFixture fixture) : ClusterGrainTests(fixture)
{
    private static void AssertIntact(LiveClassException error, string code, string detail)
    {
        Assert.Equal(code, error.Code);
        Assert.Equal(detail, error.Detail);
        Assert.Equal($"{code}: {detail}", error.Message);
    }

    [Fact]
    public async Task Each_code_crosses_the_grain_boundary_with_its_detail()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var parent = (await grain.JoinAsParent("Sam")).ParticipantId;
        var leaver = (await grain.JoinAsParent("Alex")).ParticipantId;
        await grain.Leave(leaver);

        AssertIntact(
            await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid, () => grain.SetTempo(instructor, 5)),
            ErrorCodes.Invalid, "strokesPerMinute must be 0 (off) or 10 to 60");
        AssertIntact(
            await GrainKit.AssertRejectedAsync(ErrorCodes.Forbidden, () => grain.StartClass(parent)),
            ErrorCodes.Forbidden, "only the instructor can do that");
        AssertIntact(
            await GrainKit.AssertRejectedAsync(ErrorCodes.NotFound, () => grain.RemoveParticipant(instructor, "nobody")),
            ErrorCodes.NotFound, "no such participant in this class");
        AssertIntact(
            await GrainKit.AssertRejectedAsync(ErrorCodes.NotJoined, () => grain.SendChat(leaver, "c1", "hi")),
            ErrorCodes.NotJoined, "you left this class; rejoin first");

        for (var i = 0; i < 5; i++)
        {
            await grain.SendChat(parent, $"c{i}", "hello");
        }

        AssertIntact(
            await GrainKit.AssertRejectedAsync(ErrorCodes.RateLimited, () => grain.SendChat(parent, "c5", "hello")),
            ErrorCodes.RateLimited, "at most 5 messages every 10 seconds");

        await grain.StartClass(instructor);
        var seq = (await grain.GetSnapshot()).Seq;
        await grain.EndClass(instructor);
        AssertIntact(
            await GrainKit.AssertRejectedAsync(ErrorCodes.ClassEnded, () => grain.CheckIn(parent, nameof(CheckInStatus.Done), null)),
            ErrorCodes.ClassEnded, "the class has ended");
        Assert.Equal(seq + 1, (await grain.GetSnapshot()).Seq);
    }

    [Fact]
    public async Task A_failed_call_changes_nothing_in_the_grain()
    {
        var (_, grain, instructor) = await GrainKit.CreateWithInstructorAsync(Grains);
        var before = await grain.GetSnapshot();

        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid, () => grain.GoToStep(instructor, 999));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid, () => grain.SendCue(instructor, nameof(CueKind.Repeat), null, null));
        await GrainKit.AssertRejectedAsync(ErrorCodes.Invalid, () => grain.ResumeClass(instructor));

        var after = await grain.GetSnapshot();
        Assert.Equal(before.Seq, after.Seq);
        Assert.Equal(before.StepIndex, after.StepIndex);
        Assert.Equal(before.Cue, after.Cue);
        Assert.Equal(before.Status, after.Status);
    }
}
