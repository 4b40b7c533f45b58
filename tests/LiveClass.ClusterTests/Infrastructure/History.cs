using LiveClass.Contracts;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>Assertions over what clients applied and what the server acknowledged.</summary>
internal static class History
{
    /// <summary>The client applied every event after its join, each once, in seq order, with no snapshot in between.</summary>
    public static void AssertContiguous(ClassClient client, long upTo)
    {
        var seqs = client.Applied.Select(e => e.Seq).ToArray();
        var expected = Range(client.JoinSeq + 1, client.LastSeq);
        Assert.True(seqs.SequenceEqual(expected),
            $"{client.Name} applied [{Describe(seqs)}], expected {client.JoinSeq + 1}..{client.LastSeq}");
        Assert.True(client.LastSeq >= upTo, $"{client.Name} stopped at seq {client.LastSeq}, before {upTo}");
        Assert.Equal(0, client.SnapshotResets);
    }

    /// <summary>On the wire: every event after the join arrived exactly once, in order (earlier ones may precede the join result).</summary>
    public static void AssertReceivedExactlyOnceInOrder(ClassClient client, long upTo)
    {
        var received = client.Received.Where(seq => seq > client.JoinSeq && seq <= upTo).ToArray();
        var expected = Range(client.JoinSeq + 1, upTo);
        Assert.True(received.SequenceEqual(expected),
            $"{client.Name} received [{Describe(received)}] after its join at {client.JoinSeq}, expected {client.JoinSeq + 1}..{upTo} once each");
    }

    /// <summary>The client saw the same event at every seq as the reference client did.</summary>
    public static void AssertSameHistory(ClassClient client, ClassClient reference)
    {
        var bySeq = reference.Applied.ToDictionary(e => e.Seq);
        foreach (var evt in client.Applied.Where(e => bySeq.ContainsKey(e.Seq)))
        {
            var other = bySeq[evt.Seq];
            Assert.True(Key(evt) == Key(other), $"{client.Name} has {Key(evt)} at seq {evt.Seq}, {reference.Name} has {Key(other)}");
        }
    }

    /// <summary>Every acknowledged call is in the log at its seq, as it was made.</summary>
    public static void AssertAcknowledgedIn(IReadOnlyList<ClassEvent> log, IEnumerable<Ack> acks)
    {
        var bySeq = log.ToDictionary(e => e.Seq);
        var count = 0;
        foreach (var ack in acks.OrderBy(a => a.Seq))
        {
            Assert.True(bySeq.TryGetValue(ack.Seq, out var evt), $"acknowledged {ack.Kind} at seq {ack.Seq} is missing");
            Assert.Equal(ack.Kind, evt.Kind);
            Assert.Equal(ack.ParticipantId, evt.ActorId);
            if (ack.ChatText is { } text)
            {
                Assert.Equal(text, evt.Message?.Text);
            }

            if (ack.CheckIn is { } status)
            {
                Assert.Equal(status, evt.CheckIn?.Status);
            }

            count++;
        }

        Assert.True(count > 0, "nothing was acknowledged");
    }

    /// <summary>The snapshot holds every acknowledged chat line still within its history, and the check-ins the log ends with.</summary>
    public static void AssertSnapshotMatches(ClassSnapshot snapshot, IReadOnlyList<ClassEvent> log, IEnumerable<Ack> acks)
    {
        var chat = snapshot.Chat.Select(m => m.Text).ToHashSet();
        var oldestKept = snapshot.Chat.Count > 0 ? snapshot.Chat[0].At : long.MaxValue;
        var bySeq = log.ToDictionary(e => e.Seq);
        foreach (var ack in acks.Where(a => a.ChatText is not null))
        {
            var posted = bySeq[ack.Seq].Message!;
            Assert.True(chat.Contains(ack.ChatText!) || (snapshot.Chat.Count >= 200 && posted.At <= oldestKept),
                $"acknowledged chat '{ack.ChatText}' (seq {ack.Seq}) is not in the class's chat");
        }

        var lastCheckIns = log.Where(e => e.Kind == ClassEventKind.CheckedIn)
            .GroupBy(e => e.ParticipantId!)
            .ToDictionary(g => g.Key, g => g.Last().CheckIn);
        foreach (var participant in snapshot.Participants.Where(p => lastCheckIns.ContainsKey(p.ParticipantId)))
        {
            Assert.Equal(lastCheckIns[participant.ParticipantId], participant.CheckIn);
        }
    }

    private static string Key(ClassEvent e) => $"{e.Kind}/{e.ActorId}/{e.ParticipantId}/{e.Message?.MessageId}/{e.StepIndex}/{e.Online}";

    private static long[] Range(long from, long to) => from > to ? [] : Enumerable.Range(0, (int)(to - from + 1)).Select(i => from + i).ToArray();

    private static string Describe(long[] seqs) =>
        seqs.Length <= 12 ? string.Join(",", seqs) : $"{string.Join(",", seqs.Take(6))},…,{string.Join(",", seqs.TakeLast(6))} ({seqs.Length})";
}
