namespace LiveClass.Server.Hosting;

/// <summary>
/// The Azure Storage account used by Azure Table clustering and Azure grain storage, bound from
/// <c>Cluster:AzureStorage</c>. Either a connection string (Azurite:
/// <c>UseDevelopmentStorage=true</c> or its explicit endpoints; an account key), or the account's
/// table and blob service URIs, signed in with <c>DefaultAzureCredential</c> (a managed identity
/// in Azure, the developer's sign-in elsewhere).
/// </summary>
public sealed class AzureStorageSettings
{
    /// <summary>An Azure Storage connection string; it carries the account key, so keep it in a secret store.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service, e.g. <c>https://account.table.core.windows.net/</c>; used with <see cref="BlobServiceUri"/> instead of a connection string.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The blob service, e.g. <c>https://account.blob.core.windows.net/</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The table that holds cluster membership.</summary>
    public string ClusteringTable { get; set; } = "LiveClassCluster";

    /// <summary>The table that holds class, family, join-code and log-segment state.</summary>
    public string StateTable { get; set; } = "LiveClassState";

    /// <summary>The table that holds reminders: each class's idle and retention checks.</summary>
    public string RemindersTable { get; set; } = "LiveClassReminders";

    /// <summary>The blob container that holds each class's roster and chat.</summary>
    public string StateContainer { get; set; } = "liveclass-rosters";

    /// <summary>
    /// How many requests a silo's grain storage has at the account at once; more wait in the silo.
    /// Keeps a store that falls behind from being sent timed-out requests again on top of its queue.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);
}
