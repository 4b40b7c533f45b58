using System.Diagnostics;
using System.Globalization;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Servers;

namespace LiveClass.Bench.Load;

/// <summary>Every two seconds: a line on the console and a point on the run's timeline.</summary>
public sealed class ProgressReporter(ScenarioRun run)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ServerSample? _lastServer;
    private ProcSample? _lastClient;
    private ClientGcSample _lastClientGc = ClientGcSample.Take();
    private double _lastSeconds;
    private long _lastMessages;

    public List<ProgressPoint> Timeline { get; } = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Report();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Report()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var now = Clock.NowMs();
        var interval = Math.Max(0.001, seconds - _lastSeconds);
        var server = run.Target.Sample();
        var client = ProcStats.TryRead(Environment.ProcessId);
        var clientGc = ClientGcSample.Take();
        var messages = run.Metrics.LiveMessages;
        var recent = run.Metrics.DeliveryRecent.Summarize();
        run.Metrics.DeliveryRecent.Reset();
        var connecting = run.Phase is "joining" or "connecting";
        var point = new ProgressPoint(
            Math.Round(seconds, 1),
            run.Phase,
            connecting ? run.Connected : run.Everyone.Count(p => p.Connected),
            Math.Round((messages - _lastMessages) / interval, 0),
            recent.P99,
            Math.Round(CpuPercent(server?.CpuSeconds, _lastServer?.CpuSeconds, interval), 1),
            Math.Round(server?.RssMiB ?? double.NaN, 1),
            Math.Round(CpuPercent(client?.CpuSeconds, _lastClient?.CpuSeconds, interval), 1),
            Math.Round((clientGc.Pause - _lastClientGc.Pause).TotalMilliseconds, 1),
            ThreadPool.PendingWorkItemCount,
            server?.Probe is { } probe && _lastServer?.Probe is { } lastProbe ? Math.Round(probe.PauseMs - lastProbe.PauseMs, 1) : double.NaN,
            server?.Probe?.Gen2 ?? -1,
            server?.Probe?.ThreadPoolPending ?? -1,
            server?.ThreadTimes is { } threads && _lastServer?.ThreadTimes is { } lastThreads
                ? ThreadCpu.Between(lastThreads, threads).ToDictionary(kind => kind.Key, kind => Math.Round(kind.Value / interval * 100, 1), StringComparer.Ordinal)
                : null,
            run.CoreSpeed?.SlownessBetween(now - interval * 1000, now) ?? double.NaN);
        Timeline.Add(point);
        Console.WriteLine(Line(point, recent.Count, connecting, server));
        _lastServer = server;
        _lastClient = client;
        _lastClientGc = clientGc;
        _lastSeconds = seconds;
        _lastMessages = messages;
    }

    private string Line(ProgressPoint point, long recentCount, bool connecting, ServerSample? server)
    {
        var target = connecting ? $"/{run.ConnectTarget} (failed {run.ConnectFailures})" : "";
        var p99 = recentCount > 0 ? string.Create(CultureInfo.InvariantCulture, $"{point.P99Ms,7:0.0} ms") : "      -";
        var threads = point.ServerCpuPercentByThread is { } byThread
            ? string.Create(CultureInfo.InvariantCulture,
                $" (pool {byThread.GetValueOrDefault(ThreadCpu.ThreadPool),3:0}% jit {byThread.GetValueOrDefault(ThreadCpu.Compiler),3:0}%)")
            : "";
        var core = double.IsNaN(point.ServerCoreSlowness) ? "" : string.Create(CultureInfo.InvariantCulture, $" core {point.ServerCoreSlowness:0.00}x");
        return string.Create(CultureInfo.InvariantCulture,
            $"  [{run.Plan.Name} {run.Target.Name}] {point.Seconds,6:0}s {point.Phase,-18} conns {point.Connections}{target}  msgs {point.MessagesPerSecond,8:0}/s  p99 {p99}  calls in flight {run.Metrics.InFlight,5}  server cpu {point.ServerCpuPercent,5:0}%{threads}{core}  rss {server?.RssMiB ?? double.NaN,7:0} MiB  client cpu {point.ClientCpuPercent,4:0}% gc {point.ClientGcPauseMs,5:0} ms queue {point.ClientQueuedWorkItems,5}  server gc {point.ServerGcPauseMs,5:0} ms gen2 {point.ServerGen2} queue {point.ServerQueuedWorkItems,5}");
    }

    private static double CpuPercent(double? now, double? before, double seconds) =>
        now is { } n && before is { } b ? (n - b) / seconds * 100 : double.NaN;
}
