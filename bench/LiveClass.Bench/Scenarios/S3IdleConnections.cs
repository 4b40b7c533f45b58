using System.Diagnostics;
using System.Globalization;
using LiveClass.Bench.Load;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Servers;
using ParticipantRole = LiveClass.Contracts.ParticipantRole;

namespace LiveClass.Bench.Scenarios;

/// <summary>Scenario 3: connections that only idle, first bare, then joined to a class: the server's memory per connection.</summary>
public sealed class S3IdleConnections : IScenario
{
    public string Name => "s3";

    /// <summary>Classes of 200 connections, 1 instructor + 199 parents, so the total is exact and no class exceeds the default limit.</summary>
    public ScenarioPlan Plan(BenchOptions options)
    {
        var classes = options.Full ? 50 : 5;
        var title = string.Create(CultureInfo.InvariantCulture, $"{classes * 200:N0} idle connections{(options.Full ? "" : " (quick)")}");
        return new(Name, title, classes, 199, 0, 0, 0, options.Full ? 10 : 5, 0);
    }

    public async Task RunAsync(ScenarioRun run, RunResult result, CancellationToken cancellationToken)
    {
        if (run.Target.Probe is null)
        {
            result.Note = "memory per connection needs a server started by the bench (its probe forces a GC); raw RSS only";
        }

        // Warm up: JIT, pools and the first grain activations are not per-connection costs.
        run.Phase = "warmup";
        await ServerWarmUp.RunAsync(run, cancellationToken);
        await run.CreateClassesAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var before = await SettledSampleAsync(run.Target);
        var all = run.AddEveryone();

        var connectTimer = Stopwatch.StartNew();
        await run.ConnectAllAsync(all, join: false, cancellationToken);
        result.ConnectSeconds = connectTimer.Elapsed.TotalSeconds;
        run.Phase = "idle (connected)";
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var connected = (Raw: run.Target.Sample(), Gc: await SettledSampleAsync(run.Target));

        await JoinAllAsync(run, all, cancellationToken);
        run.Phase = "idle (joined)";
        await Task.Delay(TimeSpan.FromSeconds(5 + run.Plan.DurationSeconds), cancellationToken);
        var joined = (Raw: run.Target.Sample(), Gc: await SettledSampleAsync(run.Target));

        // The GC gives memory back to the OS lazily: one more GC after a quiet while shows what stays.
        // (--settle 200 waits past the join code grains' two-minute idle age limit.)
        run.Phase = "idle (settling)";
        await Task.Delay(TimeSpan.FromSeconds(run.Options.SettleSeconds ?? 15), cancellationToken);
        var settled = await SettledSampleAsync(run.Target);

        // What the connections hold once the GC has given every free page back: the floor under the figures above.
        var returned = await SettledSampleAsync(run.Target, aggressive: true);

        result.ConnectionsHeld = all.Count(p => p.Connected);
        result.ConnectFailures = run.ConnectFailures;
        await run.DrainAsync(TimeSpan.FromSeconds(20), cancellationToken);
        RunAccounting.Account(run, result);
        result.Idle = new IdleSamples(before, connected.Raw, connected.Gc, joined.Raw, joined.Gc, settled, returned).Stats(all.Count);
        result.ServerUse = ResourceUses.Between(before, run.Target.Sample(), 0);
    }

    /// <summary>Every instructor first, then the families in join order: an idle family in a class.</summary>
    private static async Task JoinAllAsync(ScenarioRun run, List<Participant> all, CancellationToken cancellationToken)
    {
        run.Phase = "joining";
        run.ResetConnected();
        var instructors = all.Where(p => p.Role == ParticipantRole.Instructor).ToList();
        await Concurrently.ForEachAsync(instructors, run.Options.ConnectConcurrency, p => run.JoinAsync(p, cancellationToken), cancellationToken);
        await Concurrently.ForEachAsync(run.Interleave(), run.Options.ConnectConcurrency, p => run.JoinAsync(p, cancellationToken), cancellationToken);
    }

    /// <summary>The server's figures after its probe has forced a full collection (when the bench started it).</summary>
    private static async Task<ServerSample?> SettledSampleAsync(Target target, bool aggressive = false)
    {
        if (target.Probe is { } probe)
        {
            await probe.ForceGcAsync(TimeSpan.FromSeconds(30), aggressive);
            await Task.Delay(500);
        }

        return target.Sample();
    }
}
