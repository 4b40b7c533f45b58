namespace LiveClass.Domain;

/// <summary>
/// One family's time in a class, kept as it happens: the event log is bounded, the recap is not.
/// Never changed once made (each visit's start and end replaces it), so the copy of a class's
/// state taken at every commit shares it.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class AttendanceRecord
{
    [Id(0)] public required string ParticipantId { get; init; }
    [Id(1)] public long FirstJoinedAt { get; init; }
    [Id(2)] public long LastSeenAt { get; init; }
    /// <summary>Connected time of the visits that have closed.</summary>
    [Id(3)] public long OnlineMs { get; init; }
    /// <summary>When the visit going on now began; null while the family is not connected.</summary>
    [Id(4)] public long? OnlineSince { get; init; }

    /// <summary>The record with a visit going on from <paramref name="now"/> (or the one already going on).</summary>
    public AttendanceRecord Online(long now) => new()
    {
        ParticipantId = ParticipantId,
        FirstJoinedAt = FirstJoinedAt,
        LastSeenAt = now,
        OnlineMs = OnlineMs,
        OnlineSince = OnlineSince ?? now,
    };

    /// <summary>The record with the visit going on, if any, closed at <paramref name="now"/>.</summary>
    public AttendanceRecord Offline(long now) => new()
    {
        ParticipantId = ParticipantId,
        FirstJoinedAt = FirstJoinedAt,
        LastSeenAt = Math.Max(LastSeenAt, now),
        OnlineMs = OnlineMsAt(now),
        OnlineSince = null,
    };

    /// <summary>Connected time up to <paramref name="now"/>, counting a visit still going on.</summary>
    public long OnlineMsAt(long now) => OnlineMs + (OnlineSince is { } since ? Math.Max(0, now - since) : 0);
}
