namespace LiveClass.Contracts;

/// <summary>
/// One change to a class. The payload fields that do not belong to <see cref="Kind"/> are null,
/// which keeps the message flat on the wire for every client and both hub protocols.
/// </summary>
/// <remarks>
/// Stored and copied a great deal: the Orleans serializer leaves out its null fields and does not
/// track references to it (no two places hold the same event instance, in memory or in stored state).
/// </remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking, OmitDefaultMemberValues]
public sealed record ClassEvent(
    long Seq,
    long At,
    ClassEventKind Kind,
    string? ActorId,
    Participant? Participant = null,
    string? ParticipantId = null,
    bool? Online = null,
    ClassStatus? Status = null,
    int? StepIndex = null,
    Step? Step = null,
    Cue? Cue = null,
    Tempo? Tempo = null,
    ChatMessage? Message = null,
    string? MessageId = null,
    CheckIn? CheckIn = null);
