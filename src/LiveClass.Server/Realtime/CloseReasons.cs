namespace LiveClass.Server.Realtime;

/// <summary>The codes that start the error of a close message the server sends (docs/protocol.md, "Closed by the server").</summary>
public static class CloseReasons
{
    /// <summary>The connection fell too far behind its class.</summary>
    public const string TooSlow = "too_slow";

    /// <summary>The server lost its place in the class's events and cannot fill the gap for its connections.</summary>
    public const string Unavailable = "unavailable";
}
