using System.Globalization;

namespace LiveClass.Bench.Reporting;

/// <summary>The targets, checked against one invocation's results, and the LiveClass / baseline ratios.</summary>
public static class Verdicts
{
    public static void Evaluate(ResultsFile file)
    {
        var live = file.LiveClass is { Status: "ok" } l ? l : null;
        var baseline = file.Baseline is { Status: "ok" } b ? b : null;
        file.Ratios = new Dictionary<string, double?>
        {
            ["p50"] = Ratio(live?.Latency?.P50, baseline?.Latency?.P50),
            ["p99"] = Ratio(live?.Latency?.P99, baseline?.Latency?.P99),
            ["max"] = Ratio(live?.Latency?.Max, baseline?.Latency?.Max),
            ["serverCpuSeconds"] = Ratio(live?.ServerUse?.CpuSeconds, baseline?.ServerUse?.CpuSeconds),
            ["peakWorkingSet"] = Ratio(live?.ServerUse?.PeakWorkingSetMiB, baseline?.ServerUse?.PeakWorkingSetMiB),
            ["kibPerJoinedConnection"] = Ratio(live?.Idle?.KiBPerJoinedConnection, baseline?.Idle?.KiBPerJoinedConnection),
            ["rejoinP99"] = Ratio(live?.Rejoin?.Total.P99, baseline?.Rejoin?.Total.P99),
        }.Where(kv => kv.Value is not null).ToDictionary();

        var checks = new List<TargetCheck>();
        if (file.LiveClass is { Status: not "ok" } notRun)
        {
            checks.Add(new TargetCheck("LiveClass run", notRun.Status, "ok", null));
            file.Targets = checks;
            return;
        }

        if (live is null)
        {
            file.Targets = checks;
            return;
        }

        var p99Limit = file.Scenario switch { "s1" => 50.0, "s2" or "s5" => 100.0, _ => double.NaN };
        if (!double.IsNaN(p99Limit) && live.Latency is { Count: > 0 } latency)
        {
            checks.Add(new TargetCheck("p99 delivery latency", Ms(latency.P99), $"≤ {p99Limit:0} ms", latency.P99 <= p99Limit));
            if (file.Ratios.GetValueOrDefault("p99") is { } ratio)
            {
                checks.Add(new TargetCheck("p99 vs baseline p99", $"{ratio:0.00}×", "≤ 1.25×", ratio <= 1.25));
            }
        }

        checks.Add(new TargetCheck("missing events (gaps)", live.Missing.ToString(CultureInfo.InvariantCulture), "0", live.Missing == 0));
        checks.Add(new TargetCheck("duplicate events", live.Duplicates.ToString(CultureInfo.InvariantCulture), "0", live.Duplicates == 0));
        if (live.OutOfOrder > 0)
        {
            checks.Add(new TargetCheck("out-of-order events", live.OutOfOrder.ToString(CultureInfo.InvariantCulture), "0", false));
        }

        if (file.Scenario == "s3" && live.Idle is { } idle)
        {
            checks.Add(new TargetCheck("server memory per idle connection (joined, RSS)", $"{idle.KiBPerJoinedConnection:0.0} KiB", "≤ 40 KiB",
                idle.KiBPerJoinedConnection <= 40));
        }

        if (file.Scenario == "s4" && live.Rejoin is { } rejoin)
        {
            checks.Add(new TargetCheck("parents back in sync", $"{rejoin.InSync}/{rejoin.Participants}", "all", rejoin.InSync == rejoin.Participants));
            checks.Add(new TargetCheck("p99 rejoin time", Ms(rejoin.Total.P99), "< 1000 ms", rejoin.Total.P99 < 1000));
        }

        if (live.ConnectFailures > 0 || live.ConnectionsHeld < live.ConnectionsTarget)
        {
            checks.Add(new TargetCheck("connections held", $"{live.ConnectionsHeld}/{live.ConnectionsTarget}", "all", false));
        }

        file.Targets = checks;
    }

    private static double? Ratio(double? live, double? baseline) =>
        live is { } l && baseline is { } b && b > 0 && !double.IsNaN(l) && !double.IsNaN(b) ? Math.Round(l / b, 2) : null;

    private static string Ms(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.0} ms");
}
