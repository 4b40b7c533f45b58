namespace LiveClass.Contracts;

/// <summary>The stable codes that start every hub error message and name every HTTP problem type.</summary>
public static class ErrorCodes
{
    /// <summary>The call or request is malformed or breaks a rule: a text too long or with refused characters, a value out of range, a call that does not fit the class's status (HTTP 400).</summary>
    public const string Invalid = "invalid";

    /// <summary>An unknown or revoked token or key, a removed family's call, or a parent's instructor call (HTTP 403).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>An unknown class id or join code, or a participant not on the roster (HTTP 404).</summary>
    public const string NotFound = "not_found";

    /// <summary>Too many calls or requests, or a family's connections are at their bound; wait before trying again (HTTP 429).</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The class has ended: it takes no more changes or new joins, and 24 hours after the end no <c>Rejoin</c> either (HTTP 410).</summary>
    public const string ClassEnded = "class_ended";

    /// <summary>The class already has as many parents as it may hold (HTTP 409).</summary>
    public const string ClassFull = "class_full";

    /// <summary>The connection has not joined a class, or has left it (HTTP 401).</summary>
    public const string NotJoined = "not_joined";

    /// <summary>The server could not answer now (a server went away, the class is moving, storage failed): try again shortly.</summary>
    public const string Unavailable = "unavailable";
}
