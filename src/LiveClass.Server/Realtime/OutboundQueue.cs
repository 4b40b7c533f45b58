namespace LiveClass.Server.Realtime;

/// <summary>
/// The bounds of one connection's outbound queue: by count, by bytes and by the age of the oldest
/// item not yet written. Not thread-safe; <see cref="ConnectionOutbox"/> guards it.
/// </summary>
public sealed class OutboundQueue<T>(int maxItems, long maxBytes, TimeSpan maxAge)
{
    private readonly Queue<Entry> _items = new();

    public int Count => _items.Count;

    public long Bytes { get; private set; }

    /// <summary>Adds an item unless that would take the queue over a bound; never waits.</summary>
    public OutboundVerdict TryEnqueue(T item, int bytes, DateTimeOffset now)
    {
        if (_items.Count + 1 > maxItems)
        {
            return OutboundVerdict.TooManyItems;
        }

        if (Bytes + bytes > maxBytes)
        {
            return OutboundVerdict.TooManyBytes;
        }

        if (IsTooOld(now))
        {
            return OutboundVerdict.TooOld;
        }

        _items.Enqueue(new Entry(item, bytes, now));
        Bytes += bytes;
        return OutboundVerdict.Accepted;
    }

    /// <summary>The oldest item, which stays queued (and counts for its age) until it is written.</summary>
    public bool TryPeek(out T item)
    {
        if (_items.TryPeek(out var entry))
        {
            item = entry.Item;
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>The oldest item has been written.</summary>
    public void Written()
    {
        var entry = _items.Dequeue();
        Bytes -= entry.Bytes;
    }

    /// <summary>True when the oldest unwritten item has waited longer than the bound.</summary>
    public bool IsTooOld(DateTimeOffset now) => _items.TryPeek(out var oldest) && now - oldest.EnqueuedAt > maxAge;

    public void Clear()
    {
        _items.Clear();
        Bytes = 0;
    }

    private readonly record struct Entry(T Item, int Bytes, DateTimeOffset EnqueuedAt);
}
