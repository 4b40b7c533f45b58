using System.Text.Json;
using LiveClass.Bench.Measuring;
using LiveClass.Bench.Servers;

namespace LiveClass.Bench.Reporting;

public static class ResourceUses
{
    /// <summary>The server's use between two samples; <paramref name="end"/> (default: <paramref name="after"/>) gives the totals and peaks.</summary>
    public static ResourceUse? Between(ServerSample? before, ServerSample? after, double seconds, ServerSample? end = null)
    {
        if (before is null || after is null)
        {
            return null;
        }

        end ??= after;
        var pb = before.Probe;
        var pa = after.Probe;
        var both = pb is not null && pa is not null;
        return new ResourceUse(
            Math.Round(after.CpuSeconds - before.CpuSeconds, 2),
            seconds > 0 ? Math.Round((after.CpuSeconds - before.CpuSeconds) / seconds * 100, 1) : 0,
            Math.Round(end.CpuSeconds, 2),
            Math.Round(before.RssMiB, 1),
            Math.Round(after.RssMiB, 1),
            Math.Round(Math.Max(end.PeakRssMiB, after.PeakRssMiB), 1),
            end.Threads,
            both ? pa!.Gen0 - pb!.Gen0 : null,
            both ? pa!.Gen1 - pb!.Gen1 : null,
            both ? pa!.Gen2 - pb!.Gen2 : null,
            both ? Math.Round((pa!.AllocatedBytes - pb!.AllocatedBytes) / 1048576.0, 1) : null,
            both ? Math.Round(pa!.PauseMs - pb!.PauseMs, 1) : null,
            pa?.MaxPauseMs,
            both ? pa!.LockContentions - pb!.LockContentions : null,
            pa?.ServerGc,
            MeterDelta(pb, pa, "orleans-storage-write-latency"),
            MeterDelta(pb, pa, "orleans-app-requests-latency"),
            before.ThreadTimes is { } threadsBefore && after.ThreadTimes is { } threadsAfter
                ? ThreadCpu.Between(threadsBefore, threadsAfter)
                : null);
    }

    /// <summary>Count and mean of one probe meter over the window (only with --meters).</summary>
    private static MeterWindow? MeterDelta(ProbeSample? before, ProbeSample? after, string name)
    {
        static (long Count, double Sum, double Max)? Read(ProbeSample? sample, string name) =>
            sample?.Meters is { ValueKind: JsonValueKind.Object } meters && meters.TryGetProperty(name, out var m)
                ? (m.GetProperty("count").GetInt64(), m.GetProperty("sum").GetDouble(), m.GetProperty("max").GetDouble())
                : null;

        if (Read(before, name) is not { } b || Read(after, name) is not { } a || a.Count <= b.Count)
        {
            return null;
        }

        return new MeterWindow(name, a.Count - b.Count, Math.Round((a.Sum - b.Sum) / (a.Count - b.Count), 3), a.Max);
    }
}
