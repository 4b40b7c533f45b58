using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Scenarios;

namespace LiveClass.Bench.Cli;

/// <summary>The scenarios named on the command line, one after the other; Ctrl+C stops the run in progress and cleans up.</summary>
public static class ScenarioBatch
{
    public static async Task<int> RunAsync(Invocation invocation, IReadOnlyList<IScenario> scenarios)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var machine = MachineInfo.Read(invocation.Options, invocation.Pinned);
        Console.WriteLine($"LiveClass bench on {machine.Cpu}, {machine.LogicalCores} cores, {machine.MemoryGiB} GiB, {machine.Runtime}");
        Console.WriteLine($"load average at start: {machine.LoadAverageAtStart}; client on cpus {machine.ClientCpus ?? "any"}, servers on cpus {machine.ServerCpus ?? "any"}");

        using var coreSpeed = invocation.Pinned ? CoreSpeedProbe.Start(invocation.Options.ServerCpus) : null;
        if (coreSpeed is not null)
        {
            Console.WriteLine($"core speed probe on cpus {invocation.Options.ServerCpus}: fixed work takes {coreSpeed.FastestMs:0.00} ms at best");
            invocation = invocation with { CoreSpeed = coreSpeed };
        }

        var written = new List<ResultsFile>();
        foreach (var scenario in scenarios)
        {
            written.Add(await new ScenarioInvocation(invocation, scenario).RunAsync(cancel.Token));
        }

        if (written.Count > 1)
        {
            Console.WriteLine();
            Console.Write(ResultsTable.Console(written));
        }

        return 0;
    }
}
