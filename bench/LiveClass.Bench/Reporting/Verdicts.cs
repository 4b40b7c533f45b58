using System.Globalization;
using LiveClass.Bench.Measuring;

namespace LiveClass.Bench.Reporting;

/// <summary>
/// The targets, checked against one invocation's results, and the LiveClass / baseline ratios. A
/// target is met only when every round meets it: a family feels the worst run, not the typical
/// one. The ratio row of the table still shows the median over the rounds.
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

        var runs = file.Results.Where(r => r.Target == "liveclass").ToList();
        var checks = runs.Where(r => r.Status != "ok")
            .Select(notRun => new TargetCheck("LiveClass run" + RoundSuffix(notRun), notRun.Status, "ok", null))
            .ToList();
        var live = runs.Where(r => r.Status == "ok").ToList();
        if (live.Count > 0)
        {
            var targets = ScenarioTargets.For(file.Scenario);
            checks.AddRange(LatencyChecks(file.Scenario, live, rounds, targets));
            checks.AddRange(CompletenessChecks(live));
            checks.AddRange(IdleAndRejoinChecks(live, targets));
            checks.AddRange(SlowCoreNotes(file, reference));
            checks.AddRange(live.Where(r => r.ConnectFailures > 0 || r.ConnectionsHeld < r.ConnectionsTarget).Select(run =>
                new TargetCheck("connections held" + RoundSuffix(run), $"{run.ConnectionsHeld}/{run.ConnectionsTarget}", "all", false)));
        }

        file.Targets = checks;
    }

    private static IEnumerable<TargetCheck> LatencyChecks(string scenario, List<RunResult> live, List<Dictionary<string, double?>> rounds,
        ScenarioTargets targets)
    {
        var latencies = live.Where(r => r.Latency is { Count: > 0 }).ToList();
        if (targets.P99Ms is { } p99Limit && latencies.Count > 0)
        {
            yield return AtMost("p99 delivery latency", latencies.Select(r => r.Latency!.P99).ToList(), p99Limit, Ms, "ms");
            if (targets.AckP99Ms is { } ackLimit && latencies.Any(r => r.Ack is { Count: > 0 }))
            {
                yield return AtMost("p99 acknowledgement", latencies.Where(r => r.Ack is { Count: > 0 }).Select(r => r.Ack!.P99).ToList(), ackLimit, Ms, "ms");
            }
        }

        if (targets.WorstWindowP99Ms is { } windowLimit && latencies.Any(r => r.WorstWindowP99Ms is not null))
        {
            yield return AtMost("worst 2-s window p99", latencies.Where(r => r.WorstWindowP99Ms is not null).Select(r => r.WorstWindowP99Ms!.Value).ToList(),
                windowLimit, Ms, "ms");
        }

        if (targets.P99Ratio is { } ratioLimit && RoundValues(rounds, "p99") is { Count: > 0 } p99Ratios)
        {
            var against = scenario == "s6" ? "healthy connections' p99 vs s2's p99 (same invocation)" : "p99 vs baseline p99";
            yield return AtMost(against, p99Ratios, ratioLimit, Times, "×");
        }

        if (targets.CpuRatio is { } cpuLimit && RoundValues(rounds, "serverCpuSeconds") is { Count: > 0 } cpuRatios)
        {
            yield return AtMost("server CPU vs baseline", cpuRatios, cpuLimit, Times, "×");
        }
    }

    private static IEnumerable<TargetCheck> CompletenessChecks(List<RunResult> live)
    {
        var missing = live.Sum(r => r.Missing);
        var duplicates = live.Sum(r => r.Duplicates);
        var outOfOrder = live.Sum(r => r.OutOfOrder);
        yield return new TargetCheck("missing events (gaps)", missing.ToString(CultureInfo.InvariantCulture), "0", missing == 0);
        yield return new TargetCheck("duplicate events", duplicates.ToString(CultureInfo.InvariantCulture), "0", duplicates == 0);
        if (outOfOrder > 0)
        {
            yield return new TargetCheck("out-of-order events", outOfOrder.ToString(CultureInfo.InvariantCulture), "0", false);
        }

        foreach (var run in live.Where(r => r.StuckConnections is > 0))
        {
            yield return new TargetCheck("stuck connections closed by the server" + RoundSuffix(run), $"{run.StuckClosed}/{run.StuckConnections}", "reported", null);
            if (run is { LatencyBesideStuck: { Count: > 0 } beside, LatencyApartFromStuck: { Count: > 0 } apart })
            {
                // The same server in the same minute: what the stuck connections cost their classmates, apart from any drift between runs.
                var value = F($"{beside.P99:0.0} ms beside a stuck connection, {apart.P99:0.0} ms in the other classes") +
                    (Ratio(beside.P99, apart.P99) is { } ratio ? " (" + Times(ratio) + ")" : "");
                yield return new TargetCheck("healthy connections' p99 by class, same run" + RoundSuffix(run), value, "reported", null);
            }
        }
    }

    private static IEnumerable<TargetCheck> IdleAndRejoinChecks(List<RunResult> live, ScenarioTargets targets)
    {
        var idle = live.Where(r => r.Idle is not null).Select(r => r.Idle!.KiBPerJoinedConnection).ToList();
        if (targets.KiBPerIdleConnection is { } kibLimit && idle.Count > 0)
        {
            yield return AtMost("server memory per idle connection (joined, RSS)", idle, kibLimit, v => F($"{v:0.0} KiB"), "KiB");
        }

        var rejoins = live.Where(r => r.Rejoin is not null).Select(r => r.Rejoin!).ToList();
        if (targets.RejoinP99Ms is { } rejoinLimit && rejoins.Count > 0)
        {
            var inSync = rejoins.Sum(r => r.InSync);
            var participants = rejoins.Sum(r => r.Participants);
            yield return new TargetCheck("parents back in sync", $"{inSync}/{participants}", "all", inSync == participants);
            yield return AtMost("p99 rejoin time", rejoins.Select(r => r.Total.P99).ToList(), rejoinLimit, v => F($"{v:0} ms"), "ms");
        }
    }

    /// <summary>
    /// Not a target: the rounds in which the servers' core itself ran slower than usual for part of
    /// a window, since whichever server ran then used more CPU and had a longer tail for it.
    /// </summary>
    private static IEnumerable<TargetCheck> SlowCoreNotes(ResultsFile file, string reference)
    {
        for (var round = 1; round <= Math.Max(1, file.RoundCount); round++)
        {
            var live = Ok(file.Run("liveclass", round))?.ServerCore;
            var other = Ok(file.Run(reference, round))?.ServerCore;
            if (live is { SlowSeconds: > 0 } || other is { SlowSeconds: > 0 })
            {
                var suffix = file.RoundCount > 1 ? $" (round {round})" : "";
                var value = $"LiveClass {SlowPart(live)}, {reference} {SlowPart(other)}";
                yield return new TargetCheck("server core slower than usual" + suffix, value, F($"reported (≥ {CoreSpeedProbe.SlowFactor:0.00}× its fastest over 5 s)"), null);
            }
        }
    }

    private static string SlowPart(CoreSpeed? core) =>
        core is null ? "not probed" : F($"{core.SlowSeconds:0} s of {core.Samples * CoreSpeedProbe.Period.TotalSeconds:0} s");

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

    /// <summary>Met when every round's value is at most the limit; shows the worst round, then each round.</summary>
    private static TargetCheck AtMost(string name, IReadOnlyList<double> perRound, double limit, Func<double, string> format, string unit)
    {
        var worst = perRound.Max();
        var spread = perRound.Count > 1 ? $" (worst of {perRound.Count}: {string.Join(", ", perRound.Select(format))})" : "";
        return new TargetCheck(name, format(worst) + spread, F($"≤ {limit:0.##} {unit}"), worst <= limit);
    }

    private static List<double> RoundValues(List<Dictionary<string, double?>> rounds, string key) =>
        rounds.Where(r => r.GetValueOrDefault(key) is not null).Select(r => r[key]!.Value).ToList();

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

    private static string RoundSuffix(RunResult run) => run.Round is { } round ? $" (round {round})" : "";

    private static string Ms(double value) => F($"{value:0.0} ms");

    private static string Times(double value) => F($"{value:0.00}×");

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
