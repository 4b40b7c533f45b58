namespace LiveClass.Bench.Reporting;

/// <summary>What each scenario must meet in every round; a target a scenario does not have is null.</summary>
/// <param name="P99Ms">The p99 delivery latency of every live run, in ms.</param>
/// <param name="WorstWindowP99Ms">The p99 of the worst 2-s window of a run's steady phase, in ms.</param>
/// <param name="P99Ratio">LiveClass's p99 over the baseline's in the same round (s6: its healthy connections' p99 over s2's).</param>
/// <param name="CpuRatio">LiveClass's server CPU seconds over the baseline's in the same round.</param>
/// <param name="AckP99Ms">The p99 time until a call is acknowledged, in ms.</param>
/// <param name="KiBPerIdleConnection">The server's memory (RSS) per joined, idle connection, in KiB.</param>
/// <param name="RejoinP99Ms">The p99 time for a dropped parent to rejoin, in ms; every parent must also be back in sync.</param>
public sealed record ScenarioTargets(
    double? P99Ms = null, double? WorstWindowP99Ms = null,
    double? P99Ratio = null, double? CpuRatio = null,
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
