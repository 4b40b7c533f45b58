namespace LiveClass.Bench.Reporting;

/// <summary>What each scenario must meet in every round; a target a scenario does not have is null.</summary>
public sealed record ScenarioTargets(
    double? P99Ms = null,
    double? WorstWindowP99Ms = null,
    double? P99Ratio = null,
    double? CpuRatio = null,
    double? AckP99Ms = null,
    double? KiBPerIdleConnection = null,
    double? RejoinP99Ms = null)
{
    public static ScenarioTargets For(string scenario) => scenario switch
    {
        "s1" => new(P99Ms: 50, WorstWindowP99Ms: 100, P99Ratio: 1.25, CpuRatio: 1.15),
        "s2" => new(P99Ms: 100, WorstWindowP99Ms: 100, P99Ratio: 1.25, CpuRatio: 1.15),
        "s3" => new(KiBPerIdleConnection: 40),
        "s4" => new(RejoinP99Ms: 1000),
        "s5" => new(P99Ms: 300, AckP99Ms: 300),
        "s6" => new(P99Ms: 100, P99Ratio: 1.25),
        _ => new(),
    };
}
