using LiveClass.Bench.Load;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Scenarios;

/// <summary>Scenarios 1, 2, 5 and 6: classes under steady load, a few families dropping and rejoining in the middle.</summary>
public static class SteadyLoad
{
    /// <summary>The size of s2, and of the scenarios measured against it.</summary>
    public static ScenarioPlan ManySmallClasses(string name, string title, bool full) => full
        ? new(name, title, 250, 20, 1, 20, 30, 60, 20)
        : new(name, title + " (quick)", 25, 20, 1, 20, 30, 15, 5);

    public static async Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken)
    {
        await run.SetUpClassesAsync(result, cancellationToken);
        await LoadAsync(run, result, cancellationToken);
    }

    /// <summary>Warm-up, then the measured window, on classes already set up.</summary>
    public static async Task LoadAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken)
    {
        var plan = run.Plan;
        using var loadStop = new CancellationTokenSource();
        var load = LoadSchedule.RunAsync(run, chat: true, loadStop.Token);

        run.Phase = "warmup";
        var warmup = TimeSpan.FromSeconds(plan.WarmupSeconds ?? run.Options.WarmupSeconds);
        var settle = TimeSpan.FromSeconds(Math.Min(3, warmup.TotalSeconds / 4));
        await Task.Delay(warmup - settle, cancellationToken);
        await ClientHeap.SettleAsync(settle, cancellationToken);

        run.Window.Begin();
        run.Phase = "steady";

        // A few families drop a third of the way in and rejoin two seconds later, under load.
        var probes = PickSpread(run.Rooms.SelectMany(r => r.Parents).Where(p => p.Joined).ToList(), plan.ProbeRejoins);
        var probing = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(plan.DurationSeconds / 3), cancellationToken);
            await Task.WhenAll(probes.Select(p => p.DropAndRejoinAsync(TimeSpan.FromSeconds(2), cancellationToken)));
        }, cancellationToken);

        await Task.Delay(TimeSpan.FromSeconds(plan.DurationSeconds), cancellationToken);
        run.Window.End();
        await loadStop.CancelAsync();
        await load;
        await probing;

        await run.FinishAsync(result, cancellationToken);
        result.Rejoin = RejoinSummary.Of(probes.Count, probes, 0, [], run.Metrics.Rejoins.ToList());
    }

    private static List<Participant> PickSpread(List<Participant> from, int count)
    {
        if (count <= 0 || from.Count == 0)
        {
            return [];
        }

        var step = Math.Max(1, from.Count / count);
        return Enumerable.Range(0, Math.Min(count, from.Count)).Select(i => from[(i * step + step / 2) % from.Count]).ToList();
    }
}
