using LiveClass.Contracts;

namespace LiveClass.Domain;

/// <summary>The check-ins with one status at one step, and the families who made them.</summary>
[GenerateSerializer, SuppressReferenceTracking]
public sealed class CheckInTally
{
    [Id(0)] public int StepIndex { get; init; }
    [Id(1)] public CheckInStatus Status { get; init; }
    [Id(2)] public int Count { get; set; }
    [Id(3)] public List<string> ParticipantIds { get; set; } = [];
}
