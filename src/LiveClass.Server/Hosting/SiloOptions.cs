namespace LiveClass.Server.Hosting;

/// <summary>How this process joins its Orleans cluster, bound from the "Cluster" configuration section.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Cluster";

    public string ClusterId { get; set; } = "liveclass";
    public string ServiceId { get; set; } = "liveclass";

    /// <summary>Silo-to-silo port; 0 picks a free one (tests run several servers in one process).</summary>
    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
