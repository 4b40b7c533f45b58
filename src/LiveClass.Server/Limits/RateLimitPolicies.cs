namespace LiveClass.Server.Limits;

/// <summary>
/// The HTTP rate limiting policies, per client address; each name is also the <c>limit</c> tag of
/// its refusals (429) in the logs and metrics.
/// </summary>
public static class RateLimitPolicies
{
    /// <summary><c>POST /api/classes</c> (<c>Limits:ClassCreationsPerMinute</c>).</summary>
    public const string ClassCreation = "class-creation";

    /// <summary><c>GET /api/classes/{joinCode}</c> and <c>GET /api/classes/{classId}/recap</c>, one budget (<c>Limits:ClassLookupsPerMinute</c>).</summary>
    public const string ClassLookup = "class-lookup";

    /// <summary>
    /// The hub's negotiations and WebSockets (<c>Limits:HubConnectsPerMinute</c>), limited by
    /// <see cref="HubConnectLimiter"/> rather than by a policy of the rate limiting middleware.
    /// </summary>
    public const string HubConnect = "hub-connect";
}
