using LiveClass.Server.Realtime;

namespace LiveClass.Tests.Realtime;

public sealed class OutboundQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void It_refuses_the_item_that_would_go_over_the_count()
    {
        var queue = new OutboundQueue<int>(maxItems: 3, maxBytes: 1000, maxAge: TimeSpan.FromSeconds(10));

        Assert.Equal(OutboundVerdict.Accepted, queue.TryEnqueue(1, 10, Start));
        Assert.Equal(OutboundVerdict.Accepted, queue.TryEnqueue(2, 10, Start));
        Assert.Equal(OutboundVerdict.Accepted, queue.TryEnqueue(3, 10, Start));
        Assert.Equal(OutboundVerdict.TooManyItems, queue.TryEnqueue(4, 10, Start));
        Assert.Equal(3, queue.Count);

        queue.Written();
        Assert.Equal(OutboundVerdict.Accepted, queue.TryEnqueue(4, 10, Start));
    }

    [Fact]
    public void It_refuses_the_item_that_would_go_over_the_bytes()
    {
        var queue = new OutboundQueue<int>(maxItems: 100, maxBytes: 1000, maxAge: TimeSpan.FromSeconds(10));

        Assert.Equal(OutboundVerdict.Accepted, queue.TryEnqueue(1, 600, Start));
        Assert.Equal(OutboundVerdict.Accepted, queue.TryEnqueue(2, 400, Start));
        Assert.Equal(1000, queue.Bytes);
        Assert.Equal(OutboundVerdict.TooManyBytes, queue.TryEnqueue(3, 1, Start));

        queue.Written();
        Assert.Equal(400, queue.Bytes);
        Assert.Equal(OutboundVerdict.Accepted, queue.TryEnqueue(3, 600, Start));
    }

    [Fact]
    public void Its_oldest_unwritten_item_ages_until_it_is_written()
    {
        var queue = new OutboundQueue<int>(maxItems: 100, maxBytes: 1000, maxAge: TimeSpan.FromSeconds(10));
        queue.TryEnqueue(1, 10, Start);
        queue.TryEnqueue(2, 10, Start.AddSeconds(8));

        // Being written counts as unsent: peeking does not take it off.
        Assert.True(queue.TryPeek(out var head));
        Assert.Equal(1, head);
        Assert.False(queue.IsTooOld(Start.AddSeconds(10)));
        Assert.True(queue.IsTooOld(Start.AddSeconds(10.5)));
        Assert.Equal(OutboundVerdict.TooOld, queue.TryEnqueue(3, 10, Start.AddSeconds(10.5)));

        queue.Written();
        Assert.False(queue.IsTooOld(Start.AddSeconds(10.5)));
        Assert.True(queue.IsTooOld(Start.AddSeconds(18.5)));
    }

    [Fact]
    public void An_item_put_first_goes_ahead_of_those_queued_after_it_and_counts_until_written()
    {
        var queue = new OutboundQueue<int>(maxItems: 3, maxBytes: 1000, maxAge: TimeSpan.FromSeconds(10));
        Assert.Equal(OutboundVerdict.Accepted, queue.Admit(300, Start));
        Assert.Equal(0, queue.Count);

        // Written straight to a transport that made it wait; meanwhile two more were queued.
        queue.TryEnqueue(2, 300, Start.AddSeconds(1));
        queue.TryEnqueue(3, 300, Start.AddSeconds(2));
        queue.PutFirst(1, 300, Start);

        Assert.Equal(3, queue.Count);
        Assert.Equal(900, queue.Bytes);
        Assert.Equal(OutboundVerdict.TooManyItems, queue.Admit(10, Start.AddSeconds(2)));
        Assert.True(queue.IsTooOld(Start.AddSeconds(10.5)));
        Assert.True(queue.TryPeek(out var head));
        Assert.Equal(1, head);

        queue.Written();
        Assert.True(queue.TryPeek(out head));
        Assert.Equal(2, head);
        Assert.Equal(600, queue.Bytes);
        Assert.False(queue.IsTooOld(Start.AddSeconds(10.5)));

        queue.Written();
        queue.Written();
        Assert.Equal(0, queue.Count);
        Assert.Equal(0, queue.Bytes);
    }

    [Fact]
    public void An_empty_queue_is_never_too_old()
    {
        var queue = new OutboundQueue<int>(maxItems: 1, maxBytes: 10, maxAge: TimeSpan.FromSeconds(1));
        Assert.False(queue.IsTooOld(Start.AddDays(1)));
        Assert.False(queue.TryPeek(out _));
    }
}
