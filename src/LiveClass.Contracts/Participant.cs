namespace LiveClass.Contracts;

[GenerateSerializer, Immutable]
public sealed record CheckIn(CheckInStatus Status, int StepIndex, long At);

[GenerateSerializer, Immutable]
public sealed record Participant(
    string ParticipantId,
    string DisplayName,
    ParticipantRole Role,
    bool Online,
    CheckIn? CheckIn);
