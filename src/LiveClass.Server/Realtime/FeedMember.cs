using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Realtime;

/// <summary>One connection of a class on this silo, as its <see cref="ClassFeed"/> sees it.</summary>
internal sealed class FeedMember(ConnectionOutbox outbox)
{
    public ConnectionOutbox Outbox { get; } = outbox;

    public string? ParticipantId { get; set; }

    /// <summary>Events held while the connection's join is in flight; null once it is a full member.</summary>
    public List<SerializedHubMessage>? Held { get; set; }

    /// <summary>More events came while it joined than a queue may hold.</summary>
    public bool Overflowed { get; set; }

    /// <summary>
    /// The families removed while it joined, each with how many held events end at its removal:
    /// if it joined as one of them, it gets those and then nothing.
    /// </summary>
    public Dictionary<string, int>? RemovedWhileJoining { get; set; }
}
