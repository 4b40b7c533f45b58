using System.Diagnostics;
using LiveClass.Bench.Load;
using LiveClass.Bench.Reporting;
using IClassHub = LiveClass.Contracts.IClassHub;

namespace LiveClass.Bench.Scenarios;

/// <summary>Scenario 4: every family drops and rejoins within a few seconds, then rejoin time against missed events.</summary>
public sealed class S4RejoinStorm : IScenario
{
    private static readonly int[] MissedEvents = [1, 10, 100, 500, 1000, 1500];

    public string Name => "s4";

    public ScenarioPlan Plan(BenchOptions options) => options.Full
        ? new(Name, "rejoin storm: 1,000 parents drop and rejoin within 5 s", 5, 200, 5, 0, 0, 5, 0)
        : new(Name, "rejoin storm: 100 parents drop and rejoin within 5 s (quick)", 1, 100, 5, 0, 0, 5, 0);

    public async Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken)
    {
        await run.SetUpClassesAsync(result, cancellationToken);
        using var loadStop = new CancellationTokenSource();
        var load = LoadSchedule.RunAsync(run, chat: false, loadStop.Token);
        run.Phase = "warmup";
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(run.Options.WarmupSeconds, 3)), cancellationToken);

        run.Window.Begin();
        run.Phase = "storm";
        var parents = run.Rooms.SelectMany(r => r.Parents).Where(p => p.Joined).ToList();
        var random = new Random(4);
        var plan = parents.Select(p => (Parent: p, DropAt: random.Next(0, 4000), Offline: random.Next(200, 1000))).ToList();
        var storm = Stopwatch.StartNew();
        await Task.WhenAll(plan.Select(async step =>
        {
            await Task.Delay(step.DropAt, cancellationToken);
            await step.Parent.DropAndRejoinAsync(TimeSpan.FromMilliseconds(step.Offline), cancellationToken);
        }));
        var stormSeconds = storm.Elapsed.TotalSeconds;

        run.Phase = "after storm";
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        run.Window.End();
        await loadStop.CancelAsync();
        await load;
        var stormSamples = run.Metrics.Rejoins.ToList();

        // Time to rejoin against the number of missed events, one family at a time, on a quiet class.
        run.Phase = "rejoin by missed events";
        var byMissed = await MeasureRejoinByMissedAsync(run.Rooms[0], cancellationToken);

        await run.FinishAsync(result, cancellationToken);
        result.Rejoin = RejoinSummary.Of(parents.Count, parents, stormSeconds, byMissed, stormSamples);
    }

    private static async Task<List<RejoinByMissed>> MeasureRejoinByMissedAsync(ClassRoom room, CancellationToken cancellationToken)
    {
        var rows = new List<RejoinByMissed>();
        var candidates = room.Parents.Where(p => p.Joined && p.Connected).ToList();
        var next = 0;
        foreach (var missed in candidates.Count == 0 ? [] : MissedEvents)
        {
            var samples = new List<RejoinSample>();
            for (var repeat = 0; repeat < 3; repeat++)
            {
                samples.Add(await RejoinAfterAsync(room, candidates[next++ % candidates.Count], missed, cancellationToken));
            }

            var ok = samples.Where(s => s.Ok).Select(s => s.TotalMs).Order().ToList();
            var row = new RejoinByMissed(
                missed,
                samples.Max(s => s.Missed),
                samples.Any(s => s.Snapshot),
                ok.Count == 0 ? double.NaN : Math.Round(ok[ok.Count / 2], 2),
                ok.Count == 0 ? double.NaN : Math.Round(ok[^1], 2));
            rows.Add(row);
            Console.WriteLine($"  rejoin after {missed,5} missed events: {row.MedianMs,8:0.00} ms median ({(row.Snapshot ? "snapshot" : $"{row.Missed} events")})");
        }

        return rows;
    }

    private static async Task<RejoinSample> RejoinAfterAsync(ClassRoom room, Participant parent, int missed, CancellationToken cancellationToken)
    {
        await parent.DisconnectAsync();
        for (var i = 0; i < missed; i++)
        {
            await room.Instructor!.InvokeChangeAsync(nameof(IClassHub.GoToStep), [i % Math.Max(1, room.StepCount)], cancellationToken);
        }

        return await parent.RejoinAsync(cancellationToken);
    }
}
