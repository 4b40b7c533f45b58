using System.ComponentModel.DataAnnotations;

namespace LiveClass.Server.Limits;

/// <summary>
/// Limits on what one client address, participant or connection may ask of the server, bound from
/// the "Limits" section. Each rate is a token bucket: up to the per-minute number at once, then
/// refilled evenly over the minute.
/// </summary>
public sealed class AbuseLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary><c>POST /api/classes</c> per client address.</summary>
    [Range(1, 1_000_000)] public int ClassCreationsPerMinute { get; set; } = 10;

    /// <summary><c>GET /api/classes/{joinCode}</c> per client address: about how fast a code can be guessed.</summary>
    [Range(1, 1_000_000)] public int ClassLookupsPerMinute { get; set; } = 60;

    /// <summary>
    /// Requests that open a hub connection (its negotiate and its connect, two for a web client)
    /// per client address: room for a full class behind one address to come back at once after a
    /// server restart.
    /// </summary>
    [Range(1, 1_000_000)] public int HubConnectsPerMinute { get; set; } = 600;

    /// <summary><c>JoinAsParent</c>, <c>JoinAsInstructor</c> and <c>Rejoin</c> per client address.</summary>
    [Range(1, 1_000_000)] public int JoinsPerMinute { get; set; } = 60;

    /// <summary>Hub calls that change a class, per participant (all its connections together).</summary>
    [Range(1, 1_000_000)] public int ChangesPerParticipantPerMinute { get; set; } = 120;

    /// <summary>Hub calls that change a class, per connection.</summary>
    [Range(1, 1_000_000)] public int ChangesPerConnectionPerMinute { get; set; } = 120;

    /// <summary>How many of a participant's calls that change a class may come at once before the per-minute rates apply.</summary>
    [Range(1, 1_000_000)] public int ChangesBurst { get; set; } = 20;

    /// <summary>
    /// Whether clients on this machine (loopback) count against the per-address limits, as every
    /// other client does. A reverse proxy on the same host must be named in <c>Web:KnownProxies</c>
    /// so that each family is counted by its own address; a local test harness that needs more
    /// raises the rates instead of turning this off.
    /// </summary>
    public bool LimitLoopback { get; set; } = true;

    /// <summary>
    /// Whether the change limits apply to the instructor too. On by default: anyone can create a
    /// class and hold its key, and its default budget is far above the pace a person sets.
    /// </summary>
    public bool LimitInstructor { get; set; } = true;

    /// <summary>Connections one family (or the instructor) may hold on one server.</summary>
    [Range(1, 1000)] public int MaxConnectionsPerFamily { get; set; } = 5;

    /// <summary>
    /// Hub connections one client address may hold on one server, joined or not: room for a full
    /// class of families behind one address (a school, a ward), each with a few devices.
    /// </summary>
    [Range(1, 1_000_000)] public int MaxConnectionsPerAddress { get; set; } = 1_000;
}
