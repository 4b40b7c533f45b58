using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveClass.Bench.Reporting;

/// <summary>One invocation of one scenario: the machine, the runs (baseline and LiveClass), ratios and target checks.</summary>
public sealed record ResultsFile
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string RunId { get; init; }
    public required string Scenario { get; init; }
    public required string Size { get; init; }
    public string? Tag { get; init; }
    public required string Command { get; init; }
    public required MachineInfo Machine { get; init; }
    public List<RunResult> Results { get; init; } = [];

    /// <summary>LiveClass / baseline; with several rounds, the median of the rounds' ratios.</summary>
    public Dictionary<string, double?> Ratios { get; set; } = [];

    /// <summary>Each round's own ratios, when there were several.</summary>
    public List<Dictionary<string, double?>>? RoundRatios { get; set; }
    public List<TargetCheck> Targets { get; set; } = [];

    public RunResult? LiveClass => Representative("liveclass");
    public RunResult? Baseline => Representative("baseline");

    public int RoundCount => Results.Count == 0 ? 0 : Results.Max(r => r.Round ?? 1);

    public RunResult? Run(string target, int round) =>
        Results.FirstOrDefault(r => r.Target == target && (r.Round ?? 1) == round);

    /// <summary>What a scenario is judged on first: memory per connection, rejoin time, or delivery p99.</summary>
    public static double MainMeasure(RunResult run) => run.Scenario switch
    {
        "s3" => run.Idle?.KiBPerJoinedConnection ?? double.NaN,
        "s4" => run.Rejoin?.Total.P99 ?? double.NaN,
        _ => run.Latency is { Count: > 0 } latency ? latency.P99 : double.NaN,
    };

    /// <summary>The run that stands for a target: the only one, or the round with the median main measure.</summary>
    private RunResult? Representative(string target)
    {
        var runs = Results.Where(r => r.Target == target).ToList();
        var ok = runs.Where(r => r.Status == "ok").OrderBy(MainMeasure).ToList();
        return ok.Count > 0 ? ok[(ok.Count - 1) / 2] : runs.FirstOrDefault();
    }

    public async Task WriteAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json));
    }

    public static IEnumerable<ResultsFile> Load(IEnumerable<string> pathsOrDirs)
    {
        foreach (var path in pathsOrDirs.SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*.json") : [p]).Order(StringComparer.Ordinal))
        {
            ResultsFile? file = null;
            try
            {
                file = JsonSerializer.Deserialize<ResultsFile>(File.ReadAllText(path), Json);
            }
            catch (JsonException)
            {
            }

            if (file is not null)
            {
                yield return file;
            }
        }
    }
}

public sealed record TargetCheck(string Name, string Value, string Limit, bool? Pass);

public sealed record MachineInfo(
    string Cpu,
    int LogicalCores,
    double MemoryGiB,
    string Kernel,
    string Runtime,
    string LoadAverageAtStart,
    string? ClientCpus,
    string? ServerCpus,
    string Host)
{
    public static MachineInfo Read(BenchOptions options, bool pinned) => new(
        ReadCpuModel(),
        Environment.ProcessorCount > 0 ? TotalCores() : 0,
        Math.Round(ReadMemTotalKiB() / 1048576.0, 1),
        TryRead("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        TryRead("/proc/loadavg") ?? "",
        pinned ? options.ClientCpus : null,
        pinned ? options.ServerCpus : null,
        Environment.MachineName);

    private static int TotalCores()
    {
        var text = TryRead("/sys/devices/system/cpu/online");
        if (text is null)
        {
            return Environment.ProcessorCount;
        }

        var count = 0;
        foreach (var part in text.Split(','))
        {
            var bounds = part.Split('-');
            count += bounds.Length == 2 ? int.Parse(bounds[1], CultureInfo.InvariantCulture) - int.Parse(bounds[0], CultureInfo.InvariantCulture) + 1 : 1;
        }

        return count;
    }

    private static string ReadCpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : RuntimeInformation.ProcessArchitecture.ToString();

    private static long ReadMemTotalKiB() =>
        File.Exists("/proc/meminfo")
            ? long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
            : 0;

    private static string? TryRead(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : null;
}
