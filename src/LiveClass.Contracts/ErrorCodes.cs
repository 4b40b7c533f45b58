namespace LiveClass.Contracts;

/// <summary>The stable codes that start every hub error message and name every HTTP problem type.</summary>
public static class ErrorCodes
{
    public const string Invalid = "invalid";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string RateLimited = "rate_limited";
    public const string ClassEnded = "class_ended";
    public const string ClassFull = "class_full";
    public const string NotJoined = "not_joined";

    /// <summary>The server could not answer now (a server went away, the class is moving, storage failed): try again shortly.</summary>
    public const string Unavailable = "unavailable";
}
