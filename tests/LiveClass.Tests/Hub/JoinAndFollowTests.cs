using LiveClass.Contracts;
using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Hub;

public sealed class JoinAndFollowTests
{
    [Theory]
    [EveryWireProtocol]
    public async Task Parents_follow_every_change_the_instructor_makes_in_seq_order(WireProtocol protocol)
    {
        await using var server = await LiveClassServer.StartAsync();
        var created = await server.CreateClassAsync();
        await using var instructor = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
        var joined = await instructor.JoinAsInstructorAsync(created.ClassId, created.InstructorKey);
        await using var parent = await ClassClient.ConnectAsync(server.BaseUrl, protocol);
        var parentJoin = await parent.JoinAsParentAsync(created.JoinCode.ToLowerInvariant().Replace("-", ""), "  The Okafors ");

        Assert.Equal(ParticipantRole.Instructor, joined.Role);
        Assert.Equal(1, joined.Snapshot.Seq);
        Assert.Equal(ClassStatus.Lobby, joined.Snapshot.Status);
        Assert.Equal(ParticipantRole.Parent, parentJoin.Role);
        Assert.Equal(2, parentJoin.Snapshot.Seq);
        Assert.Contains(parentJoin.Snapshot.Participants, p => p.DisplayName == "The Okafors" && p.Online);

        long[] seqs =
        [
            await instructor.Hub.StartClass(),
            await instructor.Hub.GoToStep(3),
            await instructor.Hub.SendCue("Repeat", 3, null),
            await instructor.Hub.SetTempo(30),
            await parent.Hub.CheckIn("Ready", null),
            await parent.Hub.SendChat("m-1", "We're ready!"),
        ];

        Assert.Equal([3, 4, 5, 6, 7, 8], seqs);
        await parent.WaitForSeqAsync(8);
        await instructor.WaitForSeqAsync(8);
        Assert.Equal(ClassStatus.Live, parent.Mirror.Status);
        Assert.Equal(3, parent.Mirror.StepIndex);
        Assert.Equal(new Cue(CueKind.Repeat, 3, null, parent.Mirror.Cue!.At), parent.Mirror.Cue);
        Assert.Equal(30, parent.Mirror.Tempo!.StrokesPerMinute);
        Assert.Equal("We're ready!", Assert.Single(instructor.Mirror.Chat).Text);
        Assert.Equal(CheckInStatus.Ready, instructor.Mirror.Participants.Single(p => p.Role == ParticipantRole.Parent).CheckIn!.Status);

        var snapshot = await server.SnapshotAsync(created.ClassId);
        Assert.Equal(ClassText.Describe(snapshot), parent.Mirror.Describe());
        Assert.Equal(ClassText.Describe(snapshot), instructor.Mirror.Describe());
        // The parent's connection joined the group before its own join, so it also heard seq 2 live and dropped it.
        Assert.Equal([2L, 3, 4, 5, 6, 7, 8], parent.WireSeqsByConnection.Single());
        Assert.Equal(1, parent.DuplicatesDropped);
        Assert.Equal(0, parent.Gaps);
    }
}
