using LiveClass.Contracts;

namespace LiveClass.Domain;

public enum RosterStatus { Present, Left, Removed }

/// <summary>A family (or the instructor) as the class remembers them, on the roster or not.</summary>
/// <remarks>Held only by the roster: no reference tracking.</remarks>
[GenerateSerializer, SuppressReferenceTracking]
public sealed class RosterEntry
{
    [Id(0)] public required string ParticipantId { get; init; }
    [Id(1)] public required string DisplayName { get; init; }
    [Id(2)] public ParticipantRole Role { get; init; }
    [Id(3)] public RosterStatus Status { get; set; }
    [Id(4)] public bool Online { get; set; }
    [Id(5)] public CheckIn? CheckIn { get; set; }

    public Participant ToParticipant() => new(ParticipantId, DisplayName, Role, Online, CheckIn);

    public RosterEntry Copy() => new()
    {
        ParticipantId = ParticipantId,
        DisplayName = DisplayName,
        Role = Role,
        Status = Status,
        Online = Online,
        CheckIn = CheckIn,
    };
}
