namespace LiveClass.Contracts;

public sealed record CreateClassRequest(string? Title, string? InstructorName, string? RoutineId);

public sealed record CreateClassResponse(
    string ClassId,
    string JoinCode,
    string InstructorKey,
    string ParentUrl,
    string InstructorUrl);

[GenerateSerializer, Immutable]
public sealed record ClassSummary(
    string ClassId,
    string Title,
    string InstructorName,
    ClassStatus Status,
    int ParticipantCount);
