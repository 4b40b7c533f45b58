using LiveClass.Bench.Load;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Scenarios;

/// <summary>Scenario 2: many small classes at once, the load most servers will see.</summary>
public sealed class S2ManySmallClasses : IScenario
{
    public string Name => "s2";

    public ScenarioPlan Plan(BenchOptions options) =>
        SteadyLoad.ManySmallClasses(Name, $"{(options.Full ? 250 : 25)} classes of 20 parents, 1 event/s each, chat", options.Full);

    public Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken) =>
        SteadyLoad.RunAsync(run, result, cancellationToken);
}
