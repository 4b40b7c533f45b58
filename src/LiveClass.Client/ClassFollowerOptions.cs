namespace LiveClass.Client;

/// <summary>How a <see cref="ClassFollower"/> gets back in step after a gap or a lost connection.</summary>
public sealed class ClassFollowerOptions
{
    /// <summary>Calls <c>Rejoin(token, lastSeq)</c> when the live stream skips a seq. On by default.</summary>
    public bool RejoinOnGap { get; init; } = true;

    /// <summary>
    /// When the connection closes without <see cref="ClassFollower.DropAsync"/>, opens a new one (to
    /// whichever server the connection factory picks next) and rejoins. On by default.
    /// </summary>
    public bool ReconnectOnClose { get; init; } = true;

    /// <summary>How long one attempt to open a new connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one rejoin call may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long to keep trying to get back in step before giving up.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(2);
}
