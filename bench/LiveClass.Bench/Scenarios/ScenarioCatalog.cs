namespace LiveClass.Bench.Scenarios;

/// <summary>The scenarios by name, as the command line gives them.</summary>
public static class ScenarioCatalog
{
    /// <summary>What <c>all</c> stands for: the scenarios that start their own servers.</summary>
    public static IReadOnlyList<string> All { get; } = ["s1", "s2", "s3", "s4"];

    public static IScenario Get(string name) => name switch
    {
        "s1" => new S1OneBigClass(),
        "s2" => new S2ManySmallClasses(),
        "s3" => new S3IdleConnections(),
        "s4" => new S4RejoinStorm(),
        "s5" => new S5ThreeSiloCluster(),
        "s6" => new S6StuckConnections(),
        _ => throw new ArgumentException($"unknown scenario '{name}' (s1..s6, all)"),
    };
}
