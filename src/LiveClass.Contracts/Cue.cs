namespace LiveClass.Contracts;

/// <param name="Count">Set for <see cref="CueKind.Repeat"/> only.</param>
/// <param name="Text">Set for <see cref="CueKind.Custom"/> only.</param>
[GenerateSerializer, Immutable]
public sealed record Cue(CueKind Kind, int? Count, string? Text, long At);

/// <param name="StrokesPerMinute">0 when the tempo guide is off.</param>
/// <param name="StartsAt">Server time of beat 0, so every screen pulses in phase.</param>
[GenerateSerializer, Immutable]
public sealed record Tempo(int StrokesPerMinute, long StartsAt);

[GenerateSerializer, Immutable]
public sealed record ChatMessage(string MessageId, string ParticipantId, string DisplayName, string Text, long At);
