using System.ComponentModel.DataAnnotations;

namespace LiveClass.Server.Realtime;

/// <summary>
/// How far one connection may fall behind its class before it is closed, bound from the
/// "Delivery" configuration section. Each connection has an outbound queue of its own; the
/// bounds decide what a stuck or very slow client may cost before it is asked to rejoin by seq.
/// </summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "Delivery";

    private const string OutOfRange = SectionName + ":{0} must be between {1} and {2}.";

    /// <summary>Events waiting for one connection, the one being written included.</summary>
    [Range(1, 1_000_000, ErrorMessage = OutOfRange)]
    public int MaxQueuedEvents { get; set; } = 5000;

    /// <summary>
    /// Bytes waiting for one connection (as serialized in its protocol). The bytes of an event are
    /// shared by every connection of a class with the same protocol, so this bounds lag, and the
    /// memory a class's backlog holds is at most the largest queue of any of its connections.
    /// </summary>
    [Range(1024, 1L << 30, ErrorMessage = OutOfRange)]
    public long MaxQueuedBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The oldest event a connection may have unsent: a client that takes nothing for this long is closed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan MaxQueueAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a connection may be sent nothing before the server sends it a ping. Clients give
    /// up on a server they hear nothing from for their server timeout (30 s in SignalR's clients),
    /// so this stays well below it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = OutOfRange)]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the close message of a connection that fell behind may take before the connection is aborted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = OutOfRange)]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
