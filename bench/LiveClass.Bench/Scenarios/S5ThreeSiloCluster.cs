using LiveClass.Bench.Load;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Scenarios;

/// <summary>Scenario 5: s2's load spread over a running three-silo cluster with durable storage.</summary>
public sealed class S5ThreeSiloCluster : IScenario
{
    public string Name => "s5";

    public bool UsesCluster => true;

    public ScenarioPlan Plan(BenchOptions options) =>
        SteadyLoad.ManySmallClasses(Name, $"s2 on a three-silo cluster on {options.StoreTitle}", options.Full) with
        {
            WarmupSeconds = options.ClusterWarmupSeconds,
        };

    public Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken) =>
        SteadyLoad.RunAsync(run, result, cancellationToken);
}
