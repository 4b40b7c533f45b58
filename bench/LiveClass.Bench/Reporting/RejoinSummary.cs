using LiveClass.Bench.Load;
using LiveClass.Bench.Measuring;

namespace LiveClass.Bench.Reporting;

public static class RejoinSummary
{
    /// <summary>How the rejoins went: their times, and whether each family that rejoined holds every event once.</summary>
    public static RejoinStats Of(int participants, IReadOnlyList<Participant> rejoiners, double stormSeconds,
        List<RejoinByMissed> byMissed, List<RejoinSample> samples)
    {
        var ok = samples.Where(s => s.Ok).ToList();
        var total = new LatencyHistogram();
        var connect = new LatencyHistogram();
        var call = new LatencyHistogram();
        foreach (var sample in ok)
        {
            total.Record(sample.TotalMs);
            connect.Record(sample.ConnectMs);
            call.Record(sample.CallMs);
        }

        var inSync = rejoiners.Count(p =>
        {
            var (e, r) = p.Account(p.Room.FinalSeq);
            return p.Connected && e == r && p.Duplicates == 0;
        });
        return new RejoinStats(
            participants,
            ok.Count,
            samples.Count - ok.Count,
            inSync,
            ok.Count(s => s.Snapshot),
            rejoiners.Sum(p => p.RejoinOrderErrors),
            Math.Round(stormSeconds, 2),
            total.Summarize(),
            connect.Summarize(),
            call.Summarize(),
            ok.Count == 0 ? 0 : Math.Round(ok.Average(s => s.Missed), 2),
            ok.Count == 0 ? 0 : ok.Max(s => s.Missed),
            byMissed);
    }
}
