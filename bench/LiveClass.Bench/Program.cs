using System.ComponentModel;
using System.Diagnostics;
using System.Runtime;
using LiveClass.Bench;
using LiveClass.Bench.Load;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Servers;

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

var repoRoot = options.RepoRoot ?? FindRepoRoot();
var resultsDir = Path.GetFullPath(options.OutDir ?? Path.Combine(repoRoot, "bench", "results"));

switch (options.Scenarios.FirstOrDefault())
{
    case null:
        Console.WriteLine(BenchOptions.Usage);
        return 2;
    case "chart":
        return Chart(options.Scenarios.Skip(1).ToList());
    case "table":
        var files = ResultsFile.Load(options.Scenarios.Count > 1 ? options.Scenarios.Skip(1) : [resultsDir]).ToList();
        Console.WriteLine(args.Contains("--markdown") ? ResultsTable.Markdown(files) : ResultsTable.Console(files));
        return 0;
}

// Client and server each get a core of their own: re-run this program pinned, once.
var canPin = options.Pin && OperatingSystem.IsLinux() && Environment.ProcessorCount >= 2 || Environment.GetEnvironmentVariable("LIVECLASS_BENCH_PINNED") == "1";
if (canPin && Environment.GetEnvironmentVariable("LIVECLASS_BENCH_PINNED") != "1")
{
    if (RunPinned() is { } exitCode)
    {
        return exitCode;
    }

    canPin = false;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var machine = MachineInfo.Read(options, canPin);
Console.WriteLine($"LiveClass bench on {machine.Cpu}, {machine.LogicalCores} cores, {machine.MemoryGiB} GiB, {machine.Runtime}");
Console.WriteLine($"load average at start: {machine.LoadAverageAtStart}; client on cpus {machine.ClientCpus ?? "any"}, servers on cpus {machine.ServerCpus ?? "any"}");

var written = new List<ResultsFile>();
foreach (var name in options.Scenarios)
{
    Scenario scenario;
    try
    {
        scenario = Scenario.Get(name, options);
    }
    catch (ArgumentException exception)
    {
        Console.Error.WriteLine(exception.Message);
        return 2;
    }

    var size = options.Full ? "full" : "quick";
    var stem = $"{scenario.Name}-{size}{(options.Tag is null ? "" : "-" + options.Tag)}";
    var runId = $"{stem}-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
    var file = new ResultsFile
    {
        RunId = runId,
        Scenario = scenario.Name,
        Size = size,
        Tag = options.Tag,
        Command = "LiveClass.Bench " + string.Join(' ', args),
        Machine = MachineInfo.Read(options, canPin),
    };

    Console.WriteLine();
    Console.WriteLine($"== {scenario.Name}: {scenario.Title}: {scenario.Connections:N0} connections, {scenario.DurationSeconds:0} s ==");
    var serverArgs = options.ServerArgs.ToList();
    if (scenario.ParentsPerClass > 200 && !serverArgs.Any(a => a.Contains("MaxParents", StringComparison.OrdinalIgnoreCase)))
    {
        serverArgs.Add($"LiveClass:MaxParents={Math.Max(1000, scenario.ParentsPerClass)}");
    }

    var launch = new ServerLaunch(repoRoot, resultsDir, runId, canPin ? options.ServerCpus : null, options.ListenAddresses, serverArgs, options.Meters, options.Allocations, options.Experiments, options.ServerEnvironment);
    var targets = new List<TargetKind>();
    if (!options.NoBaseline)
    {
        targets.Add(TargetKind.Baseline);
    }

    if (!options.NoLiveClass)
    {
        targets.Add(TargetKind.LiveClass);
    }

    if (scenario.UsesCluster && options.Urls.Count == 0 && !options.NoLiveClass)
    {
        // Nothing to compare against when the cluster is not there: say so, measure nothing.
        var urls = ClusterUrls();
        var missing = await UnavailableAsync(urls);
        if (missing.Count > 0)
        {
            var note = ClusterUnavailableNote(missing);
            Console.WriteLine($"  liveclass: {note}");
            file.Results.Add(NotRun(scenario, "liveclass", "unavailable", note, urls));
            targets.Clear();
        }
    }

    for (var round = 1; round <= options.Rounds && !cancel.IsCancellationRequested; round++)
    {
        if (options.Rounds > 1)
        {
            Console.WriteLine($"  round {round} of {options.Rounds}");
        }

        // Every other round starts with the other server, so a drift during the invocation falls on both.
        foreach (var kind in round % 2 == 1 ? targets : Enumerable.Reverse(targets))
        {
            if (cancel.IsCancellationRequested)
            {
                break;
            }

            var roundLaunch = options.Rounds > 1 ? launch with { RunId = $"{runId}-r{round}" } : launch;
            // s6 compares with s2's load on the same server in the same invocation, instead of the baseline.
            var result = scenario.ComparesWithS2 && kind == TargetKind.Baseline
                ? await RunTargetAsync(TargetKind.LiveClass, scenario with { StuckEvery = 0 }, roundLaunch with { RunId = roundLaunch.RunId + "-s2" }, cancel.Token, name: Verdicts.S2Reference)
                : await RunTargetAsync(kind, scenario, roundLaunch, cancel.Token);
            result.Round = options.Rounds > 1 ? round : null;
            file.Results.Add(result);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    Verdicts.Evaluate(file);
    var path = Path.Combine(resultsDir, stem + ".json");
    await file.WriteAsync(path);
    written.Add(file);
    Console.WriteLine();
    Console.Write(ResultsTable.Console([file]));
    Console.WriteLine($"results: {path}");
}

if (written.Count > 1)
{
    Console.WriteLine();
    Console.Write(ResultsTable.Console(written));
}

return 0;

async Task<RunResult> RunTargetAsync(TargetKind kind, Scenario scenario, ServerLaunch launch, CancellationToken cancellationToken, string? name = null)
{
    Target? target = null;
    var kindName = name ?? (kind == TargetKind.LiveClass ? "liveclass" : "baseline");
    try
    {
        if (kind == TargetKind.LiveClass && (scenario.UsesCluster || options.Urls.Count > 0))
        {
            var urls = options.Urls.Count > 0 ? options.Urls.ToList() : ClusterUrls();
            var missing = await UnavailableAsync(urls);
            if (missing.Count > 0)
            {
                var note = ClusterUnavailableNote(missing);
                Console.WriteLine($"  {kindName}: {note}");
                return NotRun(scenario, kindName, "unavailable", note, urls);
            }

            target = Target.Attach(kind, urls, options.ServerPids);
        }
        else if (kind == TargetKind.Baseline && options.BaselineUrl is { } baselineUrl)
        {
            target = Target.Attach(kind, [baselineUrl], []);
        }
        else
        {
            target = await Target.StartAsync(kind, launch, cancellationToken);
        }

        Console.WriteLine($"  {kindName}: {target.Description}");
        // s5: the store's own process (Azurite or Redis), measured apart from the silos.
        var storePid = kind == TargetKind.LiveClass && scenario.UsesCluster ? ProcStats.FindListeningPid(options.StorePort) : null;
        var storeBefore = storePid is { } before ? ProcStats.TryRead(before) : null;
        var runner = new ScenarioRunner(options, scenario, target);
        var result = await runner.RunAsync(cancellationToken);
        if (storePid is { } pid && storeBefore is not null && ProcStats.TryRead(pid) is { } storeAfter)
        {
            var storeNote = $"store ({options.Store}, pid {pid}) CPU {storeAfter.CpuSeconds - storeBefore.CpuSeconds:0.0} s, RSS {storeAfter.RssKiB / 1024.0:0} MiB";
            result.Note = string.IsNullOrEmpty(result.Note) ? storeNote : $"{result.Note}; {storeNote}";
        }

        result.Target = kindName;
        if (target.LogPath is { } log)
        {
            result.Server = $"{target.Description} (log {Path.GetRelativePath(repoRoot, log)})";
        }

        return result;
    }
    catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
    {
        Console.WriteLine($"  {kindName}: failed: {exception.Message}");
        return NotRun(scenario, kindName, "failed", exception.Message, target?.Urls ?? []);
    }
    finally
    {
        if (target is not null)
        {
            await target.DisposeAsync();
        }
    }
}

RunResult NotRun(Scenario scenario, string target, string status, string note, IReadOnlyList<string> urls) => new()
{
    Scenario = scenario.Name,
    Title = scenario.Title,
    Size = options.Full ? "full" : "quick",
    Target = target,
    Status = status,
    Note = note,
    Urls = urls,
    Classes = scenario.Classes,
    ParentsPerClass = scenario.ParentsPerClass,
    InstructorEventsPerSecond = scenario.InstructorEventsPerSecond,
    ChatIntervalSeconds = scenario.ChatIntervalSeconds,
    CheckInIntervalSeconds = scenario.CheckInIntervalSeconds,
    DurationSeconds = scenario.DurationSeconds,
    ConnectionsTarget = scenario.Connections,
};

static List<string> ClusterUrls() => ["http://127.0.0.1:5101", "http://127.0.0.1:5102", "http://127.0.0.1:5103"];

static string ClusterUnavailableNote(IReadOnlyList<string> missing) =>
    $"not run: no LiveClass server answers /readyz at {string.Join(", ", missing)}; "
    + "start the three-silo cluster (deploy/local-cluster.sh up; STORE=redis for Redis) or pass its URLs with --url; no numbers are reported without it";

static async Task<List<string>> UnavailableAsync(IReadOnlyList<string> urls)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
    var missing = new List<string>();
    foreach (var url in urls)
    {
        try
        {
            using var response = await http.GetAsync($"{url.TrimEnd('/')}/readyz");
            if (!response.IsSuccessStatusCode)
            {
                missing.Add($"{url} ({(int)response.StatusCode})");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            missing.Add(url);
        }
    }

    return missing;
}

int Chart(List<string> rest)
{
    var output = Path.Combine(repoRoot, "docs", "benchmarks-p99.svg");
    var inputs = new List<string>();
    for (var i = 0; i < rest.Count; i++)
    {
        if (rest[i] == "--out" && i + 1 < rest.Count)
        {
            output = rest[++i];
        }
        else
        {
            inputs.Add(rest[i]);
        }
    }

    var files = ResultsFile.Load(inputs.Count > 0 ? inputs : [resultsDir]).ToList();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    File.WriteAllText(output, SvgChart.Render(files));
    Console.WriteLine($"chart of {files.Count} result files: {output}");
    return 0;
}

int? RunPinned()
{
    var info = new ProcessStartInfo("taskset") { UseShellExecute = false };
    info.ArgumentList.Add("-c");
    info.ArgumentList.Add(options.ClientCpus);
    info.ArgumentList.Add(Environment.ProcessPath!);
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        info.ArgumentList.Add(typeof(BenchOptions).Assembly.Location);
    }

    foreach (var arg in args)
    {
        info.ArgumentList.Add(arg);
    }

    info.Environment["LIVECLASS_BENCH_PINNED"] = "1";
    try
    {
        using var child = Process.Start(info)!;
        // Ctrl+C reaches the child too (same process group); let it clean up its servers.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        child.WaitForExit();
        return child.ExitCode;
    }
    catch (Win32Exception)
    {
        Console.WriteLine("taskset is not available: client and servers are not pinned");
        return null;
    }
}

static string FindRepoRoot()
{
    foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveClass.sln")))
            {
                return dir.FullName;
            }
        }
    }

    return Directory.GetCurrentDirectory();
}
