using LiveClass.Bench.Reporting;
using LiveClass.Bench.Servers;

namespace LiveClass.Bench.Scenarios;

/// <summary>Scenario 3's samples of the server, from before the connections to after the GC gave memory back.</summary>
public sealed record IdleSamples(
    ServerSample? Before,
    ServerSample? ConnectedRaw,
    ServerSample? ConnectedGc,
    ServerSample? JoinedRaw,
    ServerSample? JoinedGc,
    ServerSample? JoinedSettled,
    ServerSample? JoinedReturned)
{
    public IdleStats Stats(int connections)
    {
        var n = Math.Max(1, connections);
        double KiB(ServerSample? after) =>
            after is null || Before is null ? double.NaN : Math.Round((after.RssKiB - Before.RssKiB) / (double)n, 2);
        static double Rss(ServerSample? s) => Math.Round(s?.RssMiB ?? double.NaN, 2);
        static double HeapMiB(ServerSample? s) => s?.Probe is { } p ? Math.Round(p.HeapBytes / 1048576.0, 2) : double.NaN;
        static double CommittedMiB(ServerSample? s) => s?.Probe is { } p ? Math.Round(p.CommittedBytes / 1048576.0, 2) : double.NaN;
        return new IdleStats(
            connections,
            Rss(Before),
            HeapMiB(Before),
            Rss(ConnectedRaw),
            Rss(ConnectedGc),
            HeapMiB(ConnectedGc),
            Rss(JoinedRaw),
            Rss(JoinedGc),
            HeapMiB(JoinedGc),
            KiB(ConnectedRaw),
            KiB(ConnectedGc),
            KiB(JoinedRaw),
            KiB(JoinedGc),
            Before?.Probe is { } hb && JoinedGc?.Probe is { } hj ? Math.Round((hj.HeapBytes - hb.HeapBytes) / 1024.0 / n, 2) : double.NaN,
            CommittedMiB(Before),
            CommittedMiB(JoinedGc),
            Rss(JoinedSettled),
            KiB(JoinedSettled),
            ConnectedGc?.Probe is { } ac && JoinedRaw?.Probe is { } aj ? Math.Round((aj.AllocatedBytes - ac.AllocatedBytes) / 1048576.0, 1) : double.NaN,
            Rss(JoinedReturned),
            KiB(JoinedReturned));
    }
}
