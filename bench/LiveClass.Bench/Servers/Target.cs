using LiveClass.Bench.Measuring;

namespace LiveClass.Bench.Servers;

public enum TargetKind { LiveClass, Baseline }

/// <summary>
/// The server(s) one run measures: a process the bench started (pinned, with the probe), or
/// running servers given by URL whose processes are found by port when they are local.
/// </summary>
public sealed class Target(TargetKind kind, IReadOnlyList<string> urls, IReadOnlyList<int> pids, ServerProcess? process, string description)
    : IAsyncDisposable
{
    public string Name => kind == TargetKind.LiveClass ? "liveclass" : "baseline";
    public IReadOnlyList<string> Urls => urls;
    public string Description => description;
    public ProbeReader? Probe => process?.Probe;
    public string? LogPath => process?.LogPath;

    public static async Task<Target> StartAsync(TargetKind kind, ServerLaunch launch, CancellationToken cancellationToken)
    {
        var process = await ServerProcess.StartAsync(kind, launch, cancellationToken);
        return new Target(kind, process.Urls, [process.Pid], process, $"started pid {process.Pid}: {process.CommandLine}");
    }

    public static Target Attach(TargetKind kind, IReadOnlyList<string> urls, IReadOnlyList<int> pids)
    {
        var found = pids.Count > 0
            ? pids.ToList()
            : urls.Select(url => ProcStats.FindListeningPid(new Uri(url).Port)).OfType<int>().Distinct().ToList();
        var description = found.Count > 0
            ? $"running at {string.Join(", ", urls)} (pid {string.Join(", ", found)})"
            : $"running at {string.Join(", ", urls)} (process not found: no CPU or memory figures)";
        return new Target(kind, urls, found, null, description);
    }

    /// <summary>CPU seconds and memory summed over the target's processes; null when none is readable.</summary>
    public ServerSample? Sample()
    {
        var samples = pids.Select(ProcStats.TryRead).OfType<ProcSample>().ToList();
        return samples.Count == 0
            ? null
            : new ServerSample(samples.Sum(s => s.CpuSeconds), samples.Sum(s => s.RssKiB), samples.Sum(s => s.PeakRssKiB),
                samples.Sum(s => s.Threads), Probe?.Latest(), ByThread());
    }

    /// <summary>Every thread of the target's processes; thread ids are unique across processes.</summary>
    private Dictionary<int, ThreadTime> ByThread()
    {
        var all = new Dictionary<int, ThreadTime>();
        foreach (var (threadId, time) in pids.SelectMany(ThreadCpu.Read))
        {
            all[threadId] = time;
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }
}

public sealed record ServerSample(
    double CpuSeconds,
    long RssKiB,
    long PeakRssKiB,
    int Threads,
    ProbeSample? Probe,
    IReadOnlyDictionary<int, ThreadTime>? ThreadTimes = null)
{
    public double RssMiB => RssKiB / 1024.0;
    public double PeakRssMiB => PeakRssKiB / 1024.0;
}
