namespace LiveClass.Domain;

/// <summary>
/// Which seq each recent client message got, oldest first, so that a resent message is answered
/// with its first seq instead of being posted again. Keeps at least <c>capacity</c> of them.
/// </summary>
public sealed class ChatReceiptBook
{
    private readonly List<ChatReceipt> _receipts;
    private readonly Dictionary<(string, string), long> _seqs = [];
    private readonly int _capacity;

    public ChatReceiptBook(IEnumerable<ChatReceipt> receipts, int capacity)
    {
        _receipts = [.. receipts];
        _capacity = capacity;
        Index();
    }

    public IReadOnlyList<ChatReceipt> Items => _receipts;

    public bool TryGet(string participantId, string clientMessageId, out long seq) =>
        _seqs.TryGetValue((participantId, clientMessageId), out seq);

    public void Add(ChatReceipt receipt)
    {
        _receipts.Add(receipt);
        _seqs[(receipt.ParticipantId, receipt.ClientMessageId)] = receipt.Seq;

        // Trim in chunks, so the list is not shifted on every message.
        if (_receipts.Count > _capacity + _capacity / 4)
        {
            _receipts.TrimFront(_capacity);
            Index();
        }
    }

    /// <summary>The newest <paramref name="count"/> receipts (all of them, if fewer), oldest first, in a list of their own.</summary>
    public List<ChatReceipt> Last(int count)
    {
        var taken = Math.Min(count, _receipts.Count);
        return _receipts.GetRange(_receipts.Count - taken, taken);
    }

    /// <summary>The receipts of messages after <paramref name="seq"/>, oldest first.</summary>
    public List<ChatReceipt> After(long seq)
    {
        var start = _receipts.Count;
        while (start > 0 && _receipts[start - 1].Seq > seq)
        {
            start--;
        }

        return _receipts.GetRange(start, _receipts.Count - start);
    }

    private void Index()
    {
        _seqs.Clear();
        foreach (var receipt in _receipts)
        {
            _seqs[(receipt.ParticipantId, receipt.ClientMessageId)] = receipt.Seq;
        }
    }
}
