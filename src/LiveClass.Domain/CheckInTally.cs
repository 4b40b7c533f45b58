using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>
/// The check-ins with one status at one step, and the families who made them. Never changed once
/// made (a check-in replaces it in the class's list), so every stored copy of the state shares it.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class CheckInTally
{
    [Id(0)] public int StepIndex { get; init; }
    [Id(1)] public CheckInStatus Status { get; init; }
    [Id(2)] public int Count { get; init; }
    [Id(3)] public List<string> ParticipantIds { get; init; } = [];

    /// <summary>This tally with one more check-in by <paramref name="participantId"/>.</summary>
    public CheckInTally With(string participantId) => new()
    {
        StepIndex = StepIndex,
        Status = Status,
        Count = Count + 1,
        // List.Contains compares strings ordinally, without the enumerator LINQ's overload with a comparer allocates.
        ParticipantIds = ParticipantIds.Contains(participantId) ? ParticipantIds : [.. ParticipantIds, participantId],
    };
}
