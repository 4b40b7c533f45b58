using System.Runtime;
using LiveClass.Bench;
using LiveClass.Bench.Cli;
using LiveClass.Bench.Scenarios;

// Latency is measured on receipt: keep the client's own full collections in the background
// rather than pausing every connection it holds.
GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException or BenchOptions.HelpRequested)
{
    if (exception is not BenchOptions.HelpRequested)
    {
        Console.Error.WriteLine(exception.Message);
    }

    Console.WriteLine(BenchOptions.Usage);
    return exception is BenchOptions.HelpRequested ? 0 : 2;
}

var pinned = PinnedProcess.CanPin(options);
var invocation = Invocation.Create(options, args, pinned);
switch (options.Scenarios.FirstOrDefault())
{
    case null:
        Console.WriteLine(BenchOptions.Usage);
        return 2;
    case "chart":
        return ReportCommands.Chart(invocation, options.Scenarios.Skip(1).ToList());
    case "table":
        return ReportCommands.Table(invocation, options.Scenarios.Skip(1).ToList());
}

List<IScenario> scenarios;
try
{
    scenarios = options.Scenarios.Select(ScenarioCatalog.Get).ToList();
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

if (pinned && !PinnedProcess.IsPinned)
{
    if (PinnedProcess.Run(options, args) is { } exitCode)
    {
        return exitCode;
    }

    invocation = invocation with { Pinned = false };
}

return await ScenarioBatch.RunAsync(invocation, scenarios);
