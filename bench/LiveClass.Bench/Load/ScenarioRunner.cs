using LiveClass.Bench.Reporting;
using LiveClass.Bench.Scenarios;

namespace LiveClass.Bench.Load;

/// <summary>Runs one scenario against one target and returns what it measured.</summary>
public static class ScenarioRunner
{
    public static async Task<RunResult> RunAsync(IScenario scenario, ScenarioRun run, CancellationToken cancellationToken)
    {
        var result = RunResult.Planned(run.Plan, run.Options, run.Target.Name, run.Target.Urls);
        result.Server = run.Target.Description;
        var progress = new ProgressReporter(run);
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reporting = progress.RunAsync(progressStop.Token);
        try
        {
            await scenario.RunAsync(run, result, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result.Status = "failed";
            result.Note = $"{exception.GetType().Name}: {exception.Message}";
            Console.WriteLine($"run failed: {exception}");
        }
        finally
        {
            await progressStop.CancelAsync();
            await reporting;
            run.Phase = "disconnecting";
            await Concurrently.ForEachAsync(run.Everyone.ToList(), 256, p => p.DisconnectAsync(), CancellationToken.None);
        }

        result.Timeline = progress.Timeline;
        return result;
    }
}
