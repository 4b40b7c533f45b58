using LiveClass.Bench.Reporting;
using LiveClass.Bench.Scenarios;
using LiveClass.Bench.Servers;

namespace LiveClass.Bench.Cli;

/// <summary>
/// One scenario in one invocation: every round runs it against each target (the baseline and
/// LiveClass, or s6 and its s2 reference on LiveClass), then judges and writes the results file.
/// </summary>
public sealed class ScenarioInvocation(Invocation invocation, IScenario scenario)
{
    private BenchOptions Options => invocation.Options;

    public async Task<ResultsFile> RunAsync(CancellationToken cancellationToken)
    {
        var plan = scenario.Plan(Options).With(Options);
        var stem = $"{plan.Name}-{Options.Size}{(Options.Tag is null ? "" : "-" + Options.Tag)}";
        var runId = $"{stem}-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
        var file = new ResultsFile
        {
            RunId = runId,
            Scenario = plan.Name,
            Size = Options.Size,
            Tag = Options.Tag,
            Command = invocation.Command,
            Machine = MachineInfo.Read(Options, invocation.Pinned),
        };

        Console.WriteLine();
        Console.WriteLine($"== {plan.Name}: {plan.Title}: {plan.Connections:N0} connections, {plan.DurationSeconds:0} s ==");
        var launch = Launch(plan, runId);
        var targets = await TargetsAsync(plan, file);
        for (var round = 1; round <= Options.Rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            await RunRoundAsync(plan, file, targets, launch, round, cancellationToken);
        }

        Verdicts.Evaluate(file);
        var path = Path.Combine(invocation.ResultsDir, stem + ".json");
        await file.WriteAsync(path);
        Console.WriteLine();
        Console.Write(ResultsTable.Console([file]));
        Console.WriteLine($"results: {path}");
        return file;
    }

    private async Task RunRoundAsync(ScenarioPlan plan, ResultsFile file, List<TargetKind> targets, ServerLaunch launch, int round,
        CancellationToken cancellationToken)
    {
        if (Options.Rounds > 1)
        {
            Console.WriteLine($"  round {round} of {Options.Rounds}");
            launch = launch with { RunId = $"{launch.RunId}-r{round}" };
        }

        // Every other round starts with the other server, so a drift during the invocation falls on both.
        foreach (var kind in round % 2 == 1 ? targets : Enumerable.Reverse(targets))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            // s6 is compared with s2's load on the same server in the same invocation, instead of the baseline.
            var result = scenario.Reference is { } reference && kind == TargetKind.Baseline
                ? await new TargetRun(invocation, reference, plan, Verdicts.S2Reference)
                    .RunAsync(TargetKind.LiveClass, launch with { RunId = launch.RunId + "-s2" }, cancellationToken)
                : await new TargetRun(invocation, scenario, plan, TargetName(kind)).RunAsync(kind, launch, cancellationToken);
            result.Round = Options.Rounds > 1 ? round : null;
            file.Results.Add(result);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    private ServerLaunch Launch(ScenarioPlan plan, string runId)
    {
        var serverArgs = Options.ServerArgs.ToList();
        if (plan.ParentsPerClass > 200 && !serverArgs.Any(a => a.Contains("MaxParents", StringComparison.OrdinalIgnoreCase)))
        {
            serverArgs.Add($"LiveClass:MaxParents={Math.Max(1000, plan.ParentsPerClass)}");
        }

        return new ServerLaunch(invocation.RepoRoot, invocation.ResultsDir, runId, invocation.Pinned ? Options.ServerCpus : null,
            Options.ListenAddresses, serverArgs, Options.Meters, Options.Allocations, Options.ServerEnvironment, Options.RuntimeDefaults, Options.RuntimeEnvironment);
    }

    /// <summary>The servers to run against; none when the cluster a scenario needs is not there (said so in the file).</summary>
    private async Task<List<TargetKind>> TargetsAsync(ScenarioPlan plan, ResultsFile file)
    {
        var targets = new List<TargetKind>();
        if (!Options.NoBaseline)
        {
            targets.Add(TargetKind.Baseline);
        }

        if (Options.NoLiveClass)
        {
            return targets;
        }

        targets.Add(TargetKind.LiveClass);
        if (scenario.UsesCluster && Options.Urls.Count == 0)
        {
            // Nothing to compare against when the cluster is not there: say so, measure nothing.
            var urls = ClusterReadiness.LocalClusterUrls();
            var missing = await ClusterReadiness.UnavailableAsync(urls);
            if (missing.Count > 0)
            {
                var note = ClusterReadiness.UnavailableNote(missing);
                Console.WriteLine($"  liveclass: {note}");
                file.Results.Add(new TargetRun(invocation, scenario, plan, "liveclass").NotRun("unavailable", note, urls));
                targets.Clear();
            }
        }

        return targets;
    }

    private static string TargetName(TargetKind kind) => kind == TargetKind.LiveClass ? "liveclass" : "baseline";
}
