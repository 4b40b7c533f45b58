namespace LiveClass.Contracts;

[GenerateSerializer, Immutable]
public sealed record JoinResult(string ParticipantId, string RejoinToken, ParticipantRole Role, ClassSnapshot Snapshot);

/// <summary>Either <see cref="Snapshot"/> is set and <see cref="Events"/> is empty, or the events after the client's last seq.</summary>
[GenerateSerializer, Immutable]
public sealed record RejoinResult(string ParticipantId, ParticipantRole Role, ClassSnapshot? Snapshot, IReadOnlyList<ClassEvent> Events);

[GenerateSerializer, Immutable]
public sealed record PingResult(long ClientTime, long ServerTime);
