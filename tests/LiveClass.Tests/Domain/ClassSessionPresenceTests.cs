using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionPresenceTests
{
    [Fact]
    public void Presence_emits_only_when_it_changes()
    {
        var (harness, parent) = FreshClass.WithParent();
        var dump = harness.Dump();

        Assert.Null(harness.Session.SetPresence(parent, online: true));
        Assert.Equal(dump, harness.Dump());

        var offline = harness.Session.SetPresence(parent, online: false);
        Assert.NotNull(offline);
        Assert.Equal(ClassEventKind.PresenceChanged, offline.Kind);
        Assert.Equal(parent, offline.ParticipantId);
        Assert.False(offline.Online);
        Assert.False(harness.Session.Snapshot().Participants.Single(p => p.ParticipantId == parent).Online);

        dump = harness.Dump();
        Assert.Null(harness.Session.SetPresence(parent, online: false));
        Assert.Equal(dump, harness.Dump());

        var online = harness.Session.SetPresence(parent, online: true);
        Assert.True(online!.Online);
        Assert.Equal(offline.Seq + 1, online.Seq);
    }

    [Fact]
    public void Presence_of_someone_not_on_the_roster_is_ignored()
    {
        var harness = new ClassHarness();
        var dump = harness.Dump();

        Assert.Null(harness.Session.SetPresence("stranger", online: false));
        Assert.Equal(dump, harness.Dump());
    }
}
