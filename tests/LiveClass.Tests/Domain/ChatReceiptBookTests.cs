using LiveClass.Domain;

namespace LiveClass.Tests.Domain;

/// <summary>The receipts a class keeps so that a resent chat message is answered with its first seq.</summary>
public sealed class ChatReceiptBookTests
{
    [Fact]
    public void The_last_receipts_are_the_newest_oldest_first_and_a_copy_of_their_own()
    {
        var book = new ChatReceiptBook([Receipt(1), Receipt(2), Receipt(3), Receipt(4)], capacity: 10);

        var last = book.Last(2);
        book.Add(Receipt(5));

        Assert.Equal([3L, 4L], last.Select(r => r.Seq));
        Assert.Equal([4L, 5L], book.Last(2).Select(r => r.Seq));
    }

    [Fact]
    public void Asking_for_more_receipts_than_are_kept_gives_all_of_them()
    {
        var book = new ChatReceiptBook([Receipt(7), Receipt(9)], capacity: 10);

        Assert.Equal([7L, 9L], book.Last(1000).Select(r => r.Seq));
        Assert.Empty(new ChatReceiptBook([], capacity: 10).Last(5));
    }

    [Fact]
    public void A_resent_message_is_found_by_its_family_and_client_id()
    {
        var book = new ChatReceiptBook([Receipt(3)], capacity: 10);

        Assert.True(book.TryGet("p-3", "m-3", out var seq));
        Assert.Equal(3, seq);
        Assert.False(book.TryGet("p-3", "m-4", out _));
        Assert.False(book.TryGet("p-4", "m-3", out _));
    }

    private static ChatReceipt Receipt(long seq) => new($"p-{seq}", $"m-{seq}", seq);
}
