using LiveClass.Bench.Load;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Scenarios;

/// <summary>One of the bench's scenarios: its sizes, and what it does to the server it is run against.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>Runs against the three-silo cluster that <c>deploy/local-cluster.sh</c> starts, not a server of its own.</summary>
    bool UsesCluster => false;

    /// <summary>The scenario run on the same server in the same invocation as this one's yardstick, instead of the bare SignalR baseline.</summary>
    IScenario? Reference => null;

    /// <summary>The quick or full size, as <paramref name="options"/> asks.</summary>
    ScenarioPlan Plan(BenchOptions options);

    Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken);
}
