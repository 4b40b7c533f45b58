using System.ComponentModel.DataAnnotations;
using LiveClass.Domain;

namespace LiveClass.Server.Realtime;

/// <summary>The hub's own message limits, bound from the "LiveClass" configuration section beside the class limits.</summary>
public sealed class HubLimitsOptions
{
    public const string SectionName = ClassLimits.SectionName;

    private const string OutOfRange = SectionName + ":{0} must be between {1} and {2}.";

    /// <summary>The largest hub message a client may send, in bytes.</summary>
    [Range(1024, 16L * 1024 * 1024, ErrorMessage = OutOfRange)]
    public long HubMaximumMessageSize { get; set; } = 32 * 1024;

    /// <summary>
    /// Unacknowledged bytes a connection may hold for a stateful reconnect. When it is full, that
    /// connection's writer waits, and its outbox (<see cref="DeliveryOptions"/>) fills behind it:
    /// one more bound on how far it may fall behind, never a wait for anyone else.
    /// </summary>
    [Range(1024, 1L << 30, ErrorMessage = OutOfRange)]
    public long StatefulReconnectBufferSize { get; set; } = 1024 * 1024;
}
