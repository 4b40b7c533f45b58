namespace LiveClass.Server.Hosting;

/// <summary>How cluster membership is kept.</summary>
public enum ClusteringProvider
{
    /// <summary>A single silo on loopback: the embedded default, nothing to install.</summary>
    Localhost,

    /// <summary>Membership in Redis (<c>Microsoft.Orleans.Clustering.Redis</c>): any number of silos.</summary>
    Redis,

    /// <summary>Membership in an Azure Table (<c>Microsoft.Orleans.Clustering.AzureStorage</c>): any number of silos.</summary>
    AzureStorage,
}

/// <summary>Where grain state lives.</summary>
public enum StorageProvider
{
    /// <summary>In the silo's memory: gone when the process ends.</summary>
    Memory,

    /// <summary>In Redis (<c>Microsoft.Orleans.Persistence.Redis</c>): survives any silo and a whole-cluster restart.</summary>
    Redis,

    /// <summary>
    /// In Azure Storage (<c>Microsoft.Orleans.Persistence.AzureStorage</c>): small states in a table,
    /// each class's roster and chat in a blob. Survives any silo and a whole-cluster restart.
    /// </summary>
    AzureStorage,
}

/// <summary>
/// How this process joins its Orleans cluster and where it keeps state, bound from the "Cluster"
/// configuration section (environment variables: <c>Cluster__Clustering=AzureStorage</c>, …). The
/// defaults are the embedded single silo with in-memory storage.
/// </summary>
public sealed class SiloOptions
{
    public const string SectionName = "Cluster";

    public string ClusterId { get; set; } = "liveclass";
    public string ServiceId { get; set; } = "liveclass";

    public ClusteringProvider Clustering { get; set; } = ClusteringProvider.Localhost;

    public StorageProvider Storage { get; set; } = StorageProvider.Memory;

    /// <summary>
    /// The StackExchange.Redis configuration string used by Redis clustering and storage, e.g.
    /// <c>127.0.0.1:6380</c> or <c>redis:6379,password=…</c>.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The storage account used by Azure Storage clustering and storage.</summary>
    public AzureStorageSettings AzureStorage { get; set; } = new();

    /// <summary>Silo-to-silo port; 0 picks a free one (tests run several servers in one process).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients; LiveClass has none outside the silos, but Orleans keeps one per silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos reach this one at, with Redis or Azure Storage clustering: an IP address, or
    /// <c>auto</c> for this host's first non-loopback IPv4 address (containers). Defaults to
    /// 127.0.0.1; ignored on Kubernetes, where the pod's IP is used.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Runs under Kubernetes with <c>Microsoft.Orleans.Hosting.Kubernetes</c>: cluster and service
    /// ids and the silo's address come from the pod, and silos that Kubernetes has deleted leave
    /// the cluster at once.
    /// </summary>
    public bool Kubernetes { get; set; }
}
