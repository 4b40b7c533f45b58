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
        var joined = run.Rooms.SelectMany(r => r.Parents).Where(p => p.Joined).ToList();
        var probes = PickSpread(joined, plan.ProbeRejoins);
        var warmUpRejoins = DropAndRejoinEarlyAsync(run, PickSpread(joined.Except(probes).ToList(), WarmUpRejoiners), warmup, cancellationToken);
        await Task.Delay(warmup - settle, cancellationToken);
        await warmUpRejoins;
        await ClientHeap.SettleAsync(settle, cancellationToken);

        run.Window.Begin();
        run.Phase = "steady";

        // A few families drop a third of the way in and rejoin two seconds later, under load.
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

    /// <summary>
    /// Families that drop and rejoin early in the warm-up, as families do all through a real class:
    /// more than the 30 calls after which .NET compiles a method fully, so that the connect and
    /// rejoin paths, like every other path of the load, are compiled before the measured window
    /// and the probes' rejoins in it measure a server that has seen rejoins before.
    /// </summary>
    private const int WarmUpRejoiners = 40;

    /// <summary>The warm-up's rejoins: a quarter of the way into the warm-up, offline for up to two seconds; not counted as the run's rejoins.</summary>
    private static async Task DropAndRejoinEarlyAsync(ScenarioRun run, List<Participant> families, TimeSpan warmup, CancellationToken cancellationToken)
    {
        await Task.Delay(warmup / 4, cancellationToken);
        var offline = TimeSpan.FromSeconds(Math.Min(2, warmup.TotalSeconds / 4));
        var samples = await Task.WhenAll(families.Select(p => p.DropAndRejoinAsync(offline, cancellationToken)));
        run.Metrics.Rejoins.Clear();
        if (samples.Count(s => !s.Ok) is > 0 and var failed)
        {
            Console.WriteLine($"  warm-up: {failed} of {samples.Length} families failed to rejoin");
        }
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
