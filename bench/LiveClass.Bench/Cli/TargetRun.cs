using LiveClass.Bench.Load;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Scenarios;
using LiveClass.Bench.Servers;

namespace LiveClass.Bench.Cli;

/// <summary>One run of a scenario against one server: started by the bench, or running at the URLs given.</summary>
public sealed class TargetRun(Invocation invocation, IScenario scenario, ScenarioPlan plan, string name)
{
    private BenchOptions Options => invocation.Options;

    public async Task<RunResult> RunAsync(TargetKind kind, ServerLaunch launch, CancellationToken cancellationToken)
    {
        Target? target = null;
        try
        {
            var attached = await AttachAsync(kind);
            if (attached.NotRun is { } notRun)
            {
                return notRun;
            }

            target = attached.Target ?? await Target.StartAsync(kind, launch, cancellationToken);
            Console.WriteLine($"  {name}: {target.Description}");
            return await MeasureAsync(kind, target, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine($"  {name}: failed: {exception.Message}");
            return NotRun("failed", exception.Message, target?.Urls ?? []);
        }
        finally
        {
            if (target is not null)
            {
                await target.DisposeAsync();
            }
        }
    }

    /// <summary>A result that measured nothing, and why.</summary>
    public RunResult NotRun(string status, string note, IReadOnlyList<string> urls)
    {
        var result = RunResult.Planned(plan, Options, name, urls);
        result.Status = status;
        result.Note = note;
        return result;
    }

    /// <summary>The running servers this run is to use, if any; a result already when they do not answer.</summary>
    private async Task<(Target? Target, RunResult? NotRun)> AttachAsync(TargetKind kind)
    {
        if (kind == TargetKind.LiveClass && (scenario.UsesCluster || Options.Urls.Count > 0))
        {
            var urls = Options.Urls.Count > 0 ? Options.Urls.ToList() : ClusterReadiness.LocalClusterUrls();
            var missing = await ClusterReadiness.UnavailableAsync(urls);
            if (missing.Count > 0)
            {
                var note = ClusterReadiness.UnavailableNote(missing);
                Console.WriteLine($"  {name}: {note}");
                return (null, NotRun("unavailable", note, urls));
            }

            return (Target.Attach(kind, urls, Options.ServerPids), null);
        }

        return kind == TargetKind.Baseline && Options.BaselineUrl is { } baselineUrl
            ? (Target.Attach(kind, [baselineUrl], []), null)
            : (null, null);
    }

    private async Task<RunResult> MeasureAsync(TargetKind kind, Target target, CancellationToken cancellationToken)
    {
        // s5: the store's own process (Azurite or Redis), measured apart from the silos.
        var storePid = kind == TargetKind.LiveClass && scenario.UsesCluster ? ProcStats.FindListeningPid(Options.StorePort) : null;
        var storeBefore = storePid is { } before ? ProcStats.TryRead(before) : null;
        var result = await ScenarioRunner.RunAsync(scenario, new ScenarioRun(Options, plan, target, invocation.CoreSpeed), cancellationToken);
        if (storePid is { } pid && storeBefore is not null && ProcStats.TryRead(pid) is { } storeAfter)
        {
            var storeNote = $"store ({Options.Store}, pid {pid}) CPU {storeAfter.CpuSeconds - storeBefore.CpuSeconds:0.0} s, RSS {storeAfter.RssKiB / 1024.0:0} MiB";
            result.Note = string.IsNullOrEmpty(result.Note) ? storeNote : $"{result.Note}; {storeNote}";
        }

        result.Target = name;
        if (target.LogPath is { } log)
        {
            result.Server = $"{target.Description} (log {Path.GetRelativePath(invocation.RepoRoot, log)})";
        }

        return result;
    }
}
