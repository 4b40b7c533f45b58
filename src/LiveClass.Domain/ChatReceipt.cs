namespace LiveClass.Domain;

/// <summary>Remembers which seq a participant's client message got, so a resend is answered, not repeated.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed record ChatReceipt(string ParticipantId, string ClientMessageId, long Seq);
