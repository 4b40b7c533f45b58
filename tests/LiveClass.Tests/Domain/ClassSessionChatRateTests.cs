using LiveClass.Contracts;
using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

public sealed class ClassSessionChatRateTests
{
    private static void PostFive(ClassHarness harness, string participantId, string prefix)
    {
        for (var i = 0; i < 5; i++)
        {
            harness.Session.PostChat(participantId, $"{prefix}{i}", $"message {i}");
        }
    }

    [Fact]
    public void The_sixth_message_within_ten_seconds_is_rate_limited()
    {
        var (harness, parent) = FreshClass.WithParent();
        Assert.Equal(5, harness.Limits.ChatMessagesPerWindow);
        Assert.Equal(TimeSpan.FromSeconds(10), harness.Limits.ChatRateWindow);
        PostFive(harness, parent, "a");

        harness.AssertRejected(ErrorCodes.RateLimited, () => harness.Session.PostChat(parent, "a5", "one too many"));
    }

    [Fact]
    public void Messages_are_allowed_again_once_the_window_has_passed()
    {
        var (harness, parent) = FreshClass.WithParent();
        PostFive(harness, parent, "a");

        harness.Time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromMilliseconds(1));
        harness.AssertRejected(ErrorCodes.RateLimited, () => harness.Session.PostChat(parent, "b0", "still too soon"));

        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        PostFive(harness, parent, "b");
        harness.AssertRejected(ErrorCodes.RateLimited, () => harness.Session.PostChat(parent, "b5", "too many again"));
    }

    [Fact]
    public void The_window_slides_with_each_accepted_message()
    {
        var (harness, parent) = FreshClass.WithParent();
        for (var i = 0; i < 5; i++)
        {
            harness.Session.PostChat(parent, $"a{i}", "tick");
            harness.Time.Advance(TimeSpan.FromSeconds(2));
        }

        // Now 10 s after the first message: exactly one place is free.
        harness.Session.PostChat(parent, "b0", "first place free");
        harness.AssertRejected(ErrorCodes.RateLimited, () => harness.Session.PostChat(parent, "b1", "no place yet"));
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        harness.Session.PostChat(parent, "b1", "second place free");
    }

    [Fact]
    public void The_limit_is_per_participant_and_holds_for_the_instructor_too()
    {
        var harness = new ClassHarness();
        var sam = harness.AddParent("Sam");
        var alex = harness.AddParent("Alex");
        PostFive(harness, sam, "s");

        PostFive(harness, alex, "a");
        PostFive(harness, ClassHarness.InstructorId, "i");

        harness.AssertRejected(ErrorCodes.RateLimited, () => harness.Session.PostChat(alex, "a5", "too many"));
        harness.AssertRejected(ErrorCodes.RateLimited, () => harness.Session.PostChat(ClassHarness.InstructorId, "i5", "too many"));
    }

    [Fact]
    public void Resent_messages_do_not_count_and_are_answered_even_when_limited()
    {
        var (harness, parent) = FreshClass.WithParent();
        var first = harness.Session.PostChat(parent, "a0", "hello");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(first, harness.Session.PostChat(parent, "a0", "hello"));
        }

        for (var i = 1; i < 5; i++)
        {
            harness.Session.PostChat(parent, $"a{i}", $"message {i}");
        }

        Assert.Equal(first, harness.Session.PostChat(parent, "a0", "hello"));
        harness.AssertRejected(ErrorCodes.RateLimited, () => harness.Session.PostChat(parent, "a5", "too many"));
    }

    [Fact]
    public void Rejected_messages_do_not_count()
    {
        var (harness, parent) = FreshClass.WithParent();
        for (var i = 0; i < 5; i++)
        {
            Assert.Throws<LiveClassException>(() => harness.Session.PostChat(parent, $"bad{i}", "  "));
        }

        PostFive(harness, parent, "a");

        Assert.Equal(5, harness.Session.Snapshot().Chat.Count);
    }
}
