using System.Globalization;

namespace LiveClass.Bench.Reporting;

/// <summary>
/// The issue's targets, checked against one invocation's results, and the LiveClass / baseline
/// ratios. With several rounds, latency, memory and ratios are judged on the median over the
/// rounds, and gaps, duplicates, connections and rejoins on every round.
/// </summary>
public static class Verdicts
{
    /// <summary>The target name of scenario 6's reference run: s2's load on LiveClass in the same invocation.</summary>
    public const string S2Reference = "liveclass-s2";

    public static void Evaluate(ResultsFile file)
    {
        var reference = file.Scenario == "s6" ? S2Reference : "baseline";
        var rounds = Enumerable.Range(1, Math.Max(1, file.RoundCount))
            .Select(round => RatiosOf(Ok(file.Run("liveclass", round)), Ok(file.Run(reference, round))))
            .ToList();
        file.RoundRatios = rounds.Count > 1 ? rounds : null;
        file.Ratios = rounds.SelectMany(ratios => ratios)
            .GroupBy(ratio => ratio.Key)
            .ToDictionary(group => group.Key, group => (double?)Math.Round(Median(group.Select(ratio => ratio.Value!.Value)), 2));

        var checks = new List<TargetCheck>();
        var runs = file.Results.Where(r => r.Target == "liveclass").ToList();
        foreach (var notRun in runs.Where(r => r.Status != "ok"))
        {
            checks.Add(new TargetCheck("LiveClass run" + RoundSuffix(notRun), notRun.Status, "ok", null));
        }

        var live = runs.Where(r => r.Status == "ok").ToList();
        if (live.Count == 0)
        {
            file.Targets = checks;
            return;
        }

        var p99Limit = file.Scenario switch { "s1" => 50.0, "s2" or "s5" or "s6" => 100.0, _ => double.NaN };
        var p99s = live.Where(r => r.Latency is { Count: > 0 }).Select(r => r.Latency!.P99).ToList();
        if (!double.IsNaN(p99Limit) && p99s.Count > 0)
        {
            var p99 = Median(p99s);
            checks.Add(new TargetCheck("p99 delivery latency", Ms(p99) + Spread(p99s, "0.0"), $"≤ {p99Limit:0} ms", p99 <= p99Limit));
            if (file.Ratios.GetValueOrDefault("p99") is { } ratio)
            {
                var perRound = rounds.Where(r => r.ContainsKey("p99")).Select(r => r["p99"]!.Value).ToList();
                var against = file.Scenario == "s6" ? "p99 of the healthy connections vs s2's p99 (same invocation)" : "p99 vs baseline p99";
                checks.Add(new TargetCheck(against, F($"{ratio:0.00}×") + Spread(perRound, "0.00"), "≤ 1.25×", ratio <= 1.25));
            }
        }

        var missing = live.Sum(r => r.Missing);
        var duplicates = live.Sum(r => r.Duplicates);
        var outOfOrder = live.Sum(r => r.OutOfOrder);
        checks.Add(new TargetCheck("missing events (gaps)", missing.ToString(CultureInfo.InvariantCulture), "0", missing == 0));
        checks.Add(new TargetCheck("duplicate events", duplicates.ToString(CultureInfo.InvariantCulture), "0", duplicates == 0));
        if (outOfOrder > 0)
        {
            checks.Add(new TargetCheck("out-of-order events", outOfOrder.ToString(CultureInfo.InvariantCulture), "0", false));
        }

        foreach (var run in live.Where(r => r.StuckConnections is > 0))
        {
            checks.Add(new TargetCheck("stuck connections closed by the server" + RoundSuffix(run), $"{run.StuckClosed}/{run.StuckConnections}", "reported", null));
        }

        var idle = live.Where(r => r.Idle is not null).Select(r => r.Idle!.KiBPerJoinedConnection).ToList();
        if (file.Scenario == "s3" && idle.Count > 0)
        {
            var kib = Median(idle);
            checks.Add(new TargetCheck("server memory per idle connection (joined, RSS)", F($"{kib:0.0} KiB") + Spread(idle, "0.0"), "≤ 40 KiB", kib <= 40));
        }

        var rejoins = live.Where(r => r.Rejoin is not null).Select(r => r.Rejoin!).ToList();
        if (file.Scenario == "s4" && rejoins.Count > 0)
        {
            var inSync = rejoins.Sum(r => r.InSync);
            var participants = rejoins.Sum(r => r.Participants);
            var p99s4 = rejoins.Select(r => r.Total.P99).ToList();
            var rejoinP99 = Median(p99s4);
            checks.Add(new TargetCheck("parents back in sync", $"{inSync}/{participants}", "all", inSync == participants));
            checks.Add(new TargetCheck("p99 rejoin time", Ms(rejoinP99) + Spread(p99s4, "0"), "< 1000 ms", rejoinP99 < 1000));
        }

        foreach (var run in live.Where(r => r.ConnectFailures > 0 || r.ConnectionsHeld < r.ConnectionsTarget))
        {
            checks.Add(new TargetCheck("connections held" + RoundSuffix(run), $"{run.ConnectionsHeld}/{run.ConnectionsTarget}", "all", false));
        }

        file.Targets = checks;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static Dictionary<string, double?> RatiosOf(RunResult? live, RunResult? baseline) => new Dictionary<string, double?>
    {
        ["p50"] = Ratio(live?.Latency?.P50, baseline?.Latency?.P50),
        ["p99"] = Ratio(live?.Latency?.P99, baseline?.Latency?.P99),
        ["max"] = Ratio(live?.Latency?.Max, baseline?.Latency?.Max),
        ["serverCpuSeconds"] = Ratio(live?.ServerUse?.CpuSeconds, baseline?.ServerUse?.CpuSeconds),
        ["peakWorkingSet"] = Ratio(live?.ServerUse?.PeakWorkingSetMiB, baseline?.ServerUse?.PeakWorkingSetMiB),
        ["kibPerJoinedConnection"] = Ratio(live?.Idle?.KiBPerJoinedConnection, baseline?.Idle?.KiBPerJoinedConnection),
        ["rejoinP99"] = Ratio(live?.Rejoin?.Total.P99, baseline?.Rejoin?.Total.P99),
    }.Where(kv => kv.Value is not null).ToDictionary();

    private static RunResult? Ok(RunResult? run) => run is { Status: "ok" } ? run : null;

    private static double? Ratio(double? live, double? baseline) =>
        live is { } l && baseline is { } b && b > 0 && !double.IsNaN(l) && !double.IsNaN(b) ? Math.Round(l / b, 2) : null;

    /// <summary>Every round's value, in round order, after a median of several.</summary>
    private static string Spread(IReadOnlyList<double> values, string format) =>
        values.Count > 1 ? $" (median of {values.Count}: {string.Join(", ", values.Select(v => v.ToString(format, CultureInfo.InvariantCulture)))})" : "";

    private static string RoundSuffix(RunResult run) => run.Round is { } round ? $" (round {round})" : "";

    private static string Ms(double value) => F($"{value:0.0} ms");

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
