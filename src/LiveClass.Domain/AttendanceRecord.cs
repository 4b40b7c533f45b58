namespace LiveClass.Domain;

/// <summary>One family's time in a class, kept as it happens: the event log is bounded, the recap is not.</summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed class AttendanceRecord
{
    [Id(0)] public required string ParticipantId { get; init; }
    [Id(1)] public long FirstJoinedAt { get; init; }
    [Id(2)] public long LastSeenAt { get; set; }
    /// <summary>Connected time of the visits that have closed.</summary>
    [Id(3)] public long OnlineMs { get; set; }
    /// <summary>When the visit going on now began; null while the family is not connected.</summary>
    [Id(4)] public long? OnlineSince { get; set; }

    public void Online(long now)
    {
        OnlineSince ??= now;
        LastSeenAt = now;
    }

    public void Offline(long now)
    {
        if (OnlineSince is { } since)
        {
            OnlineMs += Math.Max(0, now - since);
            OnlineSince = null;
        }

        LastSeenAt = Math.Max(LastSeenAt, now);
    }

    /// <summary>Connected time up to <paramref name="now"/>, counting a visit still going on.</summary>
    public long OnlineMsAt(long now) => OnlineMs + (OnlineSince is { } since ? Math.Max(0, now - since) : 0);
}
