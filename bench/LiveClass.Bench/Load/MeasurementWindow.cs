using System.Diagnostics;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;
using LiveClass.Bench.Servers;

namespace LiveClass.Bench.Load;

/// <summary>The measured part of a run: the server, this client and the machine sampled at its start and end.</summary>
public sealed class MeasurementWindow(Target target, RunMetrics metrics, CoreSpeedProbe? coreSpeed = null)
{
    private readonly Stopwatch _elapsed = new();
    private Snapshot _start;
    private Snapshot _end;
    private double _beganAtMs;
    private double _endedAtMs;

    public void Begin()
    {
        _start = Snapshot.Take(target);
        _beganAtMs = Clock.NowMs();
        metrics.OpenWindow(_beganAtMs);
        _elapsed.Restart();
    }

    public void End()
    {
        _endedAtMs = Clock.NowMs();
        metrics.CloseWindow(_endedAtMs);
        _elapsed.Stop();
        _end = Snapshot.Take(target);
    }

    /// <summary>Latency, throughput and the use of the machine over the window.</summary>
    public void Report(RunResult result)
    {
        var seconds = _elapsed.Elapsed.TotalSeconds;
        result.DurationSeconds = Math.Round(seconds, 2);
        result.Latency = metrics.Delivery.Summarize();
        result.Ack = metrics.Ack.Summarize();
        if (metrics.SplitByStuck)
        {
            result.LatencyBesideStuck = metrics.DeliveryBesideStuck.Summarize();
            result.LatencyApartFromStuck = metrics.DeliveryApartFromStuck.Summarize();
        }

        result.MessagesPerSecond = Math.Round(result.Latency.Count / Math.Max(0.001, seconds), 1);
        result.ServerUse = ResourceUses.Between(_start.Server, _end.Server, seconds, target.Sample());
        result.ServerCore = coreSpeed?.Summarize(_beganAtMs, _endedAtMs);
        if (_start.Client is not null && _end.Client is not null)
        {
            result.ClientCpuPercent = Math.Round((_end.Client.CpuSeconds - _start.Client.CpuSeconds) / seconds * 100, 1);
        }

        result.ClientGc = _end.ClientGc.Since(_start.ClientGc, seconds);

        // How busy each core was, and how much of that was neither this client nor the server (the machine is shared).
        var busy = ProcStats.BusyPercent(_start.Cpu, _end.Cpu);
        result.MachineCpuBusyPercent = busy;
        if (busy.TryGetValue("cpu", out var all))
        {
            var cores = Math.Max(1, busy.Count - 1);
            // /proc/stat and the processes' own tick counts are sampled apart: small negatives mean none.
            result.OtherProcessesCpuPercent = Math.Max(0, Math.Round(all * cores - (result.ClientCpuPercent ?? 0) - (result.ServerUse?.CpuPercentOfOneCore ?? 0), 1));
        }
    }

    private readonly record struct Snapshot(ServerSample? Server, ProcSample? Client, ClientGcSample ClientGc, Dictionary<string, (long Busy, long Total)> Cpu)
    {
        public static Snapshot Take(Target target) =>
            new(target.Sample(), ProcStats.TryRead(Environment.ProcessId), ClientGcSample.Take(), ProcStats.ReadCpuTimes());
    }
}
