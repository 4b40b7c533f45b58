using LiveClass.Bench.Load;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Scenarios;

/// <summary>Scenario 1: one big class with a busy instructor, every family chatting and checking in.</summary>
public sealed class S1OneBigClass : IScenario
{
    public string Name => "s1";

    public ScenarioPlan Plan(BenchOptions options) => options.Full
        ? new(Name, "one class of 500 parents, 10 events/s", 1, 500, 10, 60, 60, 60, 10)
        : new(Name, "one class of 50 parents, 10 events/s (quick)", 1, 50, 10, 60, 60, 15, 3);

    public Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken) =>
        SteadyLoad.RunAsync(run, result, cancellationToken);
}
