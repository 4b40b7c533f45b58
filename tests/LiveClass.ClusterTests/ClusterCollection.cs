namespace LiveClass.ClusterTests;

/// <summary>The cluster tests run one at a time: each starts three silos and a store (Azurite or Redis) on a small machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
