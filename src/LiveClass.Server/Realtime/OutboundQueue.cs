namespace LiveClass.Server.Realtime;

/// <summary>
/// The bounds of one connection's outbound queue: by count, by bytes and by the age of the oldest
/// item not yet written. Not thread-safe; <see cref="ConnectionOutbox"/> guards it.
/// </summary>
public sealed class OutboundQueue<T>(int maxItems, long maxBytes, TimeSpan maxAge)
{
    private readonly Queue<Entry> _items = new();

    // An item that went to the transport without being queued, and has not been written yet:
    // it is ahead of everything queued. Kept apart so that an item written at once is never queued.
    private Entry? _first;

    public int Count => _items.Count + (_first is null ? 0 : 1);

    public long Bytes { get; private set; }

    /// <summary>Whether an item of <paramref name="bytes"/> fits within the bounds now, without adding it.</summary>
    public OutboundVerdict Admit(int bytes, DateTimeOffset now)
    {
        if (Count + 1 > maxItems)
        {
            return OutboundVerdict.TooManyItems;
        }

        if (Bytes + bytes > maxBytes)
        {
            return OutboundVerdict.TooManyBytes;
        }

        return IsTooOld(now) ? OutboundVerdict.TooOld : OutboundVerdict.Accepted;
    }

    /// <summary>Adds an item unless that would take the queue over a bound; never waits.</summary>
    public OutboundVerdict TryEnqueue(T item, int bytes, DateTimeOffset now)
    {
        var verdict = Admit(bytes, now);
        if (verdict == OutboundVerdict.Accepted)
        {
            _items.Enqueue(new Entry(item, bytes, now));
            Bytes += bytes;
        }

        return verdict;
    }

    /// <summary>
    /// An admitted item that went to the transport while nothing was queued, and was not written at
    /// once: it becomes the oldest item, ahead of any queued meanwhile, and ages until written.
    /// </summary>
    public void PutFirst(T item, int bytes, DateTimeOffset since)
    {
        if (_first is not null)
        {
            throw new InvalidOperationException("Only one item is written at a time.");
        }

        _first = new Entry(item, bytes, since);
        Bytes += bytes;
    }

    /// <summary>The oldest item, which stays queued (and counts for its age) until it is written.</summary>
    public bool TryPeek(out T item)
    {
        if (Oldest() is { } oldest)
        {
            item = oldest.Item;
            return true;
        }

        item = default!;
        return false;
    }

    /// <summary>The oldest item has been written.</summary>
    public void Written()
    {
        var entry = _first ?? _items.Dequeue();
        _first = null;
        Bytes -= entry.Bytes;
    }

    /// <summary>True when the oldest unwritten item has waited longer than the bound.</summary>
    public bool IsTooOld(DateTimeOffset now) => Oldest() is { } oldest && now - oldest.EnqueuedAt > maxAge;

    public void Clear()
    {
        _items.Clear();
        _first = null;
        Bytes = 0;
    }

    private Entry? Oldest() => _first ?? (_items.TryPeek(out var head) ? head : null);

    private readonly record struct Entry(T Item, int Bytes, DateTimeOffset EnqueuedAt);
}
