namespace LiveClass.Server.Limits;

/// <summary>The names of the limits: rate limiting policies over HTTP, and the <c>limit</c> tag of refusals.</summary>
public static class LimitNames
{
    public const string ClassCreation = "class-creation";
    public const string ClassLookup = "class-lookup";
    public const string Join = "join";
    public const string ParticipantChanges = "participant-changes";
    public const string ConnectionChanges = "connection-changes";
    public const string FamilyConnections = "family-connections";
}
