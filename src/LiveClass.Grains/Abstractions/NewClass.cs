namespace LiveClass.Grains;

/// <summary>What the HTTP API hands the session grain to create a class; secrets arrive hashed.</summary>
[GenerateSerializer, Immutable]
public sealed record NewClass(string Title, string InstructorName, string RoutineId, string JoinCode, string InstructorKeyHash);
