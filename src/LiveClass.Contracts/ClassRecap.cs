namespace LiveClass.Contracts;

/// <summary>
/// What the instructor sees once a class ends: who came and for how long, check-ins by step,
/// and the chat. Times are Unix milliseconds.
/// </summary>
/// <param name="KeptUntil">When the class and this recap stop being kept; null while the class has not ended.</param>
[GenerateSerializer, Immutable]
public sealed record ClassRecap(
    string ClassId,
    string Title,
    string InstructorName,
    ClassStatus Status,
    string RoutineId,
    string RoutineName,
    long CreatedAt,
    long? StartedAt,
    long? EndedAt,
    long? KeptUntil,
    IReadOnlyList<RecapFamily> Families,
    IReadOnlyList<RecapStepCheckIns> CheckInsByStep,
    IReadOnlyList<ChatMessage> Chat);

/// <param name="State">Where the family was at the end: "Present", "Left" or "Removed".</param>
/// <param name="OnlineMs">The time this family was connected to the class, summed over its visits.</param>
[GenerateSerializer, Immutable]
public sealed record RecapFamily(
    string ParticipantId,
    string DisplayName,
    long FirstJoinedAt,
    long LastSeenAt,
    long OnlineMs,
    string State);

/// <summary>The check-ins made while one step was shown, by status.</summary>
[GenerateSerializer, Immutable]
public sealed record RecapStepCheckIns(int StepIndex, BodyArea Area, string StepName, IReadOnlyList<RecapCheckInCount> Counts);

/// <param name="Count">How many check-ins with this status were made at this step.</param>
/// <param name="ParticipantIds">The families who made them, each once, in the order they first did.</param>
[GenerateSerializer, Immutable]
public sealed record RecapCheckInCount(CheckInStatus Status, int Count, IReadOnlyList<string> ParticipantIds);
