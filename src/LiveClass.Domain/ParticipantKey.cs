namespace LiveClass.Domain;

/// <summary>The key of one family's participant grain: one class, one participant.</summary>
public static class ParticipantKey
{
    public static string For(string classId, string participantId) => $"{classId}/{participantId}";
}
