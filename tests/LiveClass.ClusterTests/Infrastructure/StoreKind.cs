namespace LiveClass.ClusterTests.Infrastructure;

/// <summary>The durable stores the cluster suite runs on: every cluster test runs on each.</summary>
public enum StoreKind
{
    /// <summary>Azure Table clustering and Azure Table/Blob grain storage, on Azurite.</summary>
    AzureStorage,

    /// <summary>Redis clustering and grain storage, on redis-server.</summary>
    Redis,
}
