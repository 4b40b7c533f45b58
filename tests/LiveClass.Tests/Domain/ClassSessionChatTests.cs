using LiveClass.Contracts;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionChatTests
{
    private const string Instructor = ClassHarness.InstructorId;

    [Fact]
    public void A_posted_message_is_an_event_and_in_the_snapshot()
    {
        var (harness, parent) = FreshClass.WithParent("Sam");

        var seq = harness.Session.PostChat(parent, "client-1", "  Is this pressure OK?\n(she is smiling)  ");

        var evt = harness.LastEvent;
        Assert.Equal(seq, evt.Seq);
        Assert.Equal(ClassEventKind.ChatPosted, evt.Kind);
        Assert.Equal(parent, evt.ActorId);
        var message = evt.Message!;
        Assert.Equal(parent, message.ParticipantId);
        Assert.Equal("Sam", message.DisplayName);
        Assert.Equal("Is this pressure OK?\n(she is smiling)", message.Text);
        Assert.Equal(harness.NowMs, message.At);
        Assert.False(string.IsNullOrEmpty(message.MessageId));
        Assert.Equal([message], harness.Session.Snapshot().Chat);
    }

    [Fact]
    public void Chat_of_500_characters_is_accepted()
    {
        var harness = new ClassHarness();
        var text = new string('c', 500);

        harness.Session.PostChat(Instructor, "m1", text);

        Assert.Equal(text, harness.LastEvent.Message!.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t ")]
    [InlineData("bell\u0007")]
    [InlineData("nul\u0000byte")]
    public void Chat_that_is_empty_or_has_control_characters_is_invalid(string? text)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.PostChat(Instructor, "m1", text));
    }

    [Fact]
    public void Chat_of_501_characters_is_invalid()
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.PostChat(Instructor, "m1", new string('c', 501)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void A_missing_or_overlong_client_message_id_is_invalid(string? clientMessageId)
    {
        FreshClass.AssertRejects(ErrorCodes.Invalid, session => session.PostChat(Instructor, clientMessageId, "hello"));
    }

    [Fact]
    public void Resending_a_client_message_id_returns_the_same_seq_and_changes_nothing()
    {
        var (harness, parent) = FreshClass.WithParent();
        var first = harness.Session.PostChat(parent, "client-1", "hello");
        harness.Session.CheckIn(parent, CheckInStatus.Ready, null);
        var dump = harness.Dump();

        var again = harness.Session.PostChat(parent, "client-1", "hello");
        var differentText = harness.Session.PostChat(parent, "client-1", "a different text");

        Assert.Equal(first, again);
        Assert.Equal(first, differentText);
        Assert.Equal(dump, harness.Dump());
        Assert.Single(harness.Session.Snapshot().Chat);
    }

    [Fact]
    public void The_same_client_message_id_from_two_participants_is_two_messages()
    {
        var harness = new ClassHarness();
        var sam = harness.AddParent("Sam");
        var alex = harness.AddParent("Alex");

        var fromSam = harness.Session.PostChat(sam, "client-1", "hi");
        var fromAlex = harness.Session.PostChat(alex, "client-1", "hi");

        Assert.Equal(fromSam + 1, fromAlex);
        Assert.Equal([sam, alex], harness.Session.Snapshot().Chat.Select(m => m.ParticipantId));
    }

    [Fact]
    public void DeleteChat_removes_the_message_from_the_snapshot()
    {
        var (harness, parent) = FreshClass.WithParent();
        harness.Session.PostChat(parent, "c1", "keep me");
        harness.Session.PostChat(parent, "c2", "delete me");
        var doomed = harness.LastEvent.Message!.MessageId;

        var evt = harness.Session.DeleteChat(Instructor, doomed);

        Assert.Equal(ClassEventKind.ChatDeleted, evt.Kind);
        Assert.Equal(doomed, evt.MessageId);
        Assert.Equal(["keep me"], harness.Session.Snapshot().Chat.Select(m => m.Text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-such-message")]
    public void Deleting_an_unknown_message_is_not_found(string? messageId)
    {
        FreshClass.AssertRejects(ErrorCodes.NotFound, session => session.DeleteChat(Instructor, messageId), after: session => session.PostChat(Instructor, "c1", "hello"));
    }

    [Fact]
    public void Deleting_a_message_twice_is_not_found()
    {
        var harness = new ClassHarness();
        harness.Session.PostChat(Instructor, "c1", "hello");
        var messageId = harness.LastEvent.Message!.MessageId;
        harness.Session.DeleteChat(Instructor, messageId);

        harness.AssertRejected(ErrorCodes.NotFound, () => harness.Session.DeleteChat(Instructor, messageId));
    }

    [Fact]
    public void The_snapshot_keeps_the_last_200_messages()
    {
        var harness = new ClassHarness();
        Assert.Equal(200, harness.Limits.ChatHistoryCapacity);
        var parents = Enumerable.Range(0, 5).Select(i => harness.AddParent($"Parent {i}")).ToArray();

        for (var i = 1; i <= 230; i++)
        {
            harness.Session.PostChat(parents[i % parents.Length], $"c{i}", $"message {i}");
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var chat = harness.Session.Snapshot().Chat;
        Assert.Equal(Enumerable.Range(31, 200).Select(i => $"message {i}"), chat.Select(m => m.Text));
    }
}
