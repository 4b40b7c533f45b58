namespace LiveClass.Contracts;

/// <summary>Everything a joiner needs to show a class as it is; <see cref="Seq"/> is the last event it includes.</summary>
/// <param name="JoinCode">The class's join code in display form (an addition to protocol version 1), so any console can share it.</param>
[GenerateSerializer, Immutable]
public sealed record ClassSnapshot(
    string ClassId,
    string Title,
    string InstructorName,
    ClassStatus Status,
    Routine Routine,
    int StepIndex,
    Cue? Cue,
    Tempo? Tempo,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<ChatMessage> Chat,
    long Seq,
    long ServerTime,
    string JoinCode);
