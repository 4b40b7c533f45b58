namespace LiveClass.Tests.Limits;

/// <summary>The flood test measures a real class's latency, so it runs alone rather than beside the other tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FloodCollection
{
    public const string Name = "Flood";
}
