namespace LiveClass.Server.Limits;

/// <summary>The names of the limits: rate limiting policies over HTTP, and the <c>limit</c> tag of refusals.</summary>
public static class LimitNames
{
    /// <summary><c>POST /api/classes</c> per client address (<c>Limits:ClassCreationsPerMinute</c>); refused with 429.</summary>
    public const string ClassCreation = "class-creation";

    /// <summary><c>GET /api/classes/{joinCode}</c> per client address (<c>Limits:ClassLookupsPerMinute</c>); refused with 429.</summary>
    public const string ClassLookup = "class-lookup";

    /// <summary>Hub joins and rejoins per client address (<c>Limits:JoinsPerMinute</c>); refused as <c>rate_limited:</c>.</summary>
    public const string Join = "join";

    /// <summary>Calls that change a class, per participant over all its connections (<c>Limits:ChangesPerParticipantPerMinute</c>).</summary>
    public const string ParticipantChanges = "participant-changes";

    /// <summary>Calls that change a class, per connection (<c>Limits:ChangesPerConnectionPerMinute</c>).</summary>
    public const string ConnectionChanges = "connection-changes";

    /// <summary>Connections that act for one family or instructor at once on this server (<c>Limits:MaxConnectionsPerFamily</c>).</summary>
    public const string FamilyConnections = "family-connections";
}
