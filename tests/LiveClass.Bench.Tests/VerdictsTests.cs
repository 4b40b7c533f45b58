using LiveClass.Bench.Measuring;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Tests;

public sealed class VerdictsTests
{
    [Fact]
    public void Several_rounds_are_judged_on_their_worst_round_and_the_table_keeps_the_median_ratio()
    {
        var file = Rounds("s1", (LiveClass: 45, Baseline: 30), (50, 40), (60, 20));

        Verdicts.Evaluate(file);

        Assert.Equal([1.5, 1.25, 3.0], file.RoundRatios!.Select(r => r["p99"]!.Value));
        Assert.Equal(1.5, file.Ratios["p99"]);
        AssertTarget(file, "p99 delivery latency", pass: false, value: "60.0 ms (worst of 3: 45.0 ms, 50.0 ms, 60.0 ms)");
        AssertTarget(file, "p99 vs baseline p99", pass: false, value: "3.00× (worst of 3: 1.50×, 1.25×, 3.00×)");
        Assert.Equal(2, file.LiveClass!.Round);
        Assert.Equal(1, file.Baseline!.Round);
    }

    [Fact]
    public void A_median_that_meets_the_target_does_not_hide_one_round_that_misses_it()
    {
        var file = Rounds("s2", (LiveClass: 21, Baseline: 20), (22, 20), (120, 20));

        Verdicts.Evaluate(file);

        Assert.Equal(1.1, file.Ratios["p99"]);
        AssertTarget(file, "p99 delivery latency", pass: false);
        AssertTarget(file, "p99 vs baseline p99", pass: false);
    }

    [Fact]
    public void A_two_second_stall_misses_the_window_target_though_the_run_p99_meets_its_own()
    {
        var stalled = Run("liveclass", null, p99: 18);
        stalled.Timeline.AddRange([Point("warmup", 400), Point("steady", 16), Point("steady", 337), Point("steady", 20)]);
        var file = File("s2", Run("baseline", null, p99: 17), stalled);

        Verdicts.Evaluate(file);

        Assert.Equal(337, stalled.WorstWindowP99Ms);
        AssertTarget(file, "p99 delivery latency", pass: true);
        AssertTarget(file, "worst 2-s window p99", pass: false, value: "337.0 ms");
    }

    [Fact]
    public void A_round_whose_server_core_ran_slow_says_so_beside_the_targets_without_judging_it()
    {
        var file = Rounds("s2", (LiveClass: 20, Baseline: 20), (LiveClass: 40, Baseline: 20));
        foreach (var run in file.Results)
        {
            run.ServerCore = new CoreSpeed(3.3, 60, 1.02, 1.1, 0);
        }

        file.Run("liveclass", 2)!.ServerCore = new CoreSpeed(3.3, 60, 1.3, 1.9, 24);

        Verdicts.Evaluate(file);

        var note = Assert.Single(file.Targets, t => t.Name.StartsWith("server core slower", StringComparison.Ordinal));
        Assert.Equal("server core slower than usual (round 2)", note.Name);
        Assert.Equal("LiveClass 24 s of 60 s, baseline 0 s of 60 s", note.Value);
        Assert.Null(note.Pass);
    }

    [Fact]
    public void Server_cpu_over_its_ratio_in_one_round_misses_the_target()
    {
        var file = File("s2",
            Run("baseline", 1, p99: 20, cpuSeconds: 20), Run("liveclass", 1, p99: 20, cpuSeconds: 22),
            Run("baseline", 2, p99: 20, cpuSeconds: 20), Run("liveclass", 2, p99: 20, cpuSeconds: 24));

        Verdicts.Evaluate(file);

        AssertTarget(file, "server CPU vs baseline", pass: false, value: "1.20× (worst of 2: 1.10×, 1.20×)");
    }

    [Fact]
    public void The_cluster_scenario_judges_delivery_and_acknowledgement_against_300_ms()
    {
        var run = Run("liveclass", null, p99: 250);
        run.Ack = new LatencySummary(1000, 100, 100, 200, 310, 400, 500, 0);
        var file = File("s5", run);

        Verdicts.Evaluate(file);

        AssertTarget(file, "p99 delivery latency", pass: true);
        AssertTarget(file, "p99 acknowledgement", pass: false, limit: "≤ 300 ms");
    }

    [Fact]
    public void A_gap_in_any_round_misses_the_target()
    {
        var gap = Run("liveclass", 2, p99: 30);
        gap.Missing = 1;
        var file = File("s2", Run("baseline", 1, p99: 30), Run("liveclass", 1, p99: 30), gap, Run("baseline", 2, p99: 30));

        Verdicts.Evaluate(file);

        AssertTarget(file, "missing events (gaps)", pass: false);
        Assert.Equal(1.0, file.Ratios["p99"]);
    }

    [Fact]
    public void A_round_that_did_not_run_is_reported_and_the_others_still_count()
    {
        var failed = Run("liveclass", 2, p99: 0);
        failed.Status = "failed";
        var file = File("s1", Run("baseline", 1, p99: 30), Run("liveclass", 1, p99: 33), failed, Run("baseline", 2, p99: 31));

        Verdicts.Evaluate(file);

        Assert.Contains(file.Targets, t => t.Name == "LiveClass run (round 2)" && t.Value == "failed");
        Assert.Equal(1.1, file.Ratios["p99"]);
        Assert.Null(file.RoundRatios![1].GetValueOrDefault("p99"));
    }

    [Fact]
    public void Scenario_6_reports_its_healthy_connections_by_class_beside_the_stuck_ones_counted()
    {
        var stuck = Run("liveclass", null, p99: 18);
        stuck.StuckConnections = 25;
        stuck.StuckClosed = 10;
        stuck.LatencyBesideStuck = Latency(p99: 20);
        stuck.LatencyApartFromStuck = Latency(p99: 16);
        var file = File("s6", Run(Verdicts.S2Reference, null, p99: 15), stuck);

        Verdicts.Evaluate(file);

        AssertTarget(file, "healthy connections' p99 vs s2's p99 (same invocation)", pass: true, value: "1.20×");
        Assert.Equal("10/25", file.Targets.Single(t => t.Name == "stuck connections closed by the server").Value);
        var byClass = file.Targets.Single(t => t.Name == "healthy connections' p99 by class, same run");
        Assert.Null(byClass.Pass);
        Assert.Equal("20.0 ms beside a stuck connection, 16.0 ms in the other classes (1.25×)", byClass.Value);
    }

    [Fact]
    public void One_round_keeps_the_plain_ratios()
    {
        var file = File("s1", Run("baseline", null, p99: 40), Run("liveclass", null, p99: 42));

        Verdicts.Evaluate(file);

        Assert.Null(file.RoundRatios);
        Assert.Equal(1.05, file.Ratios["p99"]);
        Assert.Equal("42.0 ms", file.Targets.Single(t => t.Name == "p99 delivery latency").Value);
        Assert.Equal("1.05×", file.Targets.Single(t => t.Name == "p99 vs baseline p99").Value);
    }

    [Theory]
    [InlineData(new[] { 3.0 }, 3.0)]
    [InlineData(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two(double[] values, double median) =>
        Assert.Equal(median, Verdicts.Median(values));

    /// <summary>The target named <paramref name="name"/> passed or missed, with the value and limit given where they are.</summary>
    private static void AssertTarget(ResultsFile file, string name, bool pass, string? value = null, string? limit = null)
    {
        var target = file.Targets.Single(t => t.Name == name);
        Assert.Equal(pass, target.Pass);
        if (value is not null)
        {
            Assert.Equal(value, target.Value);
        }

        if (limit is not null)
        {
            Assert.Equal(limit, target.Limit);
        }
    }

    /// <summary>One run of each target per round, in the order the bench runs them: the baseline first in odd rounds.</summary>
    private static ResultsFile Rounds(string scenario, params (double LiveClass, double Baseline)[] p99s) =>
        File(scenario, [.. p99s.SelectMany((p99, i) =>
        {
            RunResult[] pair = [Run("baseline", i + 1, p99: p99.Baseline), Run("liveclass", i + 1, p99: p99.LiveClass)];
            return i % 2 == 0 ? pair : [pair[1], pair[0]];
        })]);

    private static ResultsFile File(string scenario, params RunResult[] runs)
    {
        var file = new ResultsFile
        {
            RunId = "test",
            Scenario = scenario,
            Size = "full",
            Command = "LiveClass.Bench " + scenario,
            Machine = new MachineInfo("cpu", 2, 1, "kernel", "runtime", "", "0", "1", "host"),
        };
        file.Results.AddRange(runs);
        return file;
    }

    private static ProgressPoint Point(string phase, double p99) => new(0, phase, 10, 100, p99, 30, 100, 30, 0, 0);

    private static RunResult Run(string target, int? round, double p99, double cpuSeconds = 10) => new()
    {
        Scenario = "s1",
        Title = "a run",
        Size = "full",
        Target = target,
        Round = round,
        ConnectionsTarget = 10,
        ConnectionsHeld = 10,
        Latency = Latency(p99),
        ServerUse = new ResourceUse(cpuSeconds, 30, cpuSeconds, 100, 100, 200, 20, null, null, null, null, null, null, null, null),
    };

    private static LatencySummary Latency(double p99) => new(1000, p99 / 2, p99 / 2, p99 * 0.9, p99, p99 * 1.1, p99 * 1.2, 0);
}
