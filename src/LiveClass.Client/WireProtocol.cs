namespace LiveClass.Client;

/// <summary>The hub protocols the server speaks; both carry the same messages.</summary>
public enum WireProtocol
{
    /// <summary>SignalR's JSON protocol, as the web app uses.</summary>
    Json,

    /// <summary>SignalR's MessagePack protocol: smaller frames, less work on both ends.</summary>
    MessagePack,
}
