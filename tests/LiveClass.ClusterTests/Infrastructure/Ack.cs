using LiveClass.Contracts;

namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>A call the server answered with a seq: from then on, that event must never be lost.</summary>
internal sealed record Ack(string ParticipantId, ClassEventKind Kind, long Seq, string? ChatText = null, CheckInStatus? CheckIn = null);
