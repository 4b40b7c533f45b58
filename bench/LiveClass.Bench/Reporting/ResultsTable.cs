using System.Globalization;
using System.Text;

namespace LiveClass.Bench.Reporting;

/// <summary>The results as a console table or a Markdown table: one row per run, then the ratio and the targets.</summary>
public static class ResultsTable
{
    private static readonly string[] Headers =
    [
        "scenario", "target", "conns", "events exp.", "missing", "dups", "p50 ms", "p99 ms", "p99.9 ms", "worst 2 s p99", "max ms", "ack p99", "msgs/s",
        "srv CPU s", "srv CPU %", "peak WS MiB", "GC 0/1/2", "client CPU %", "others' CPU %", "other",
    ];

    /// <summary>Ratios without a column of their own, shown by name.</summary>
    private static readonly (string Key, string Label)[] NamedRatios = [("kibPerJoinedConnection", "KiB/conn"), ("rejoinP99", "rejoin p99")];

    /// <summary>What the by-round note shows of each round.</summary>
    private static readonly (string Key, string Label)[] RoundRatios = [("p99", "p99"), ("serverCpuSeconds", "CPU"), .. NamedRatios];

    public static string Console(IEnumerable<ResultsFile> files) => Render(files, markdown: false);

    public static string Markdown(IEnumerable<ResultsFile> files) => Render(files, markdown: true);

    private static string Render(IEnumerable<ResultsFile> files, bool markdown)
    {
        var rows = new List<string[]>();
        var notes = new List<string>();
        foreach (var file in files)
        {
            rows.AddRange(file.Results.OrderBy(r => r.Target == "liveclass" ? 0 : 1).ThenBy(r => r.Round).Select(run => Row(file, run)));
            if (file.Ratios.Count > 0)
            {
                rows.Add(RatioRow(file));
            }

            notes.AddRange(Notes(file));
        }

        return markdown ? RenderMarkdown(rows, notes) : RenderConsole(rows, notes);
    }

    private static string[] RatioRow(ResultsFile file) =>
    [
        $"{file.Scenario} {file.Size}", file.RoundRatios is null ? "ratio L/B" : "median ratio L/B", "", "", "", "",
        R(file.Ratios, "p50"), R(file.Ratios, "p99"), "", "", R(file.Ratios, "max"), "", "",
        R(file.Ratios, "serverCpuSeconds"), "", R(file.Ratios, "peakWorkingSet"), "", "", "",
        Named(file.Ratios, NamedRatios, ", "),
    ];

    /// <summary>Each round's ratios, each target's verdict, and each run's status and note.</summary>
    private static IEnumerable<string> Notes(ResultsFile file)
    {
        if (file.RoundRatios is { } rounds)
        {
            yield return $"{file.Scenario} {file.Size}: ratio L/B by round: "
                + string.Join("; ", rounds.Select((ratios, i) => $"#{i + 1} {Named(ratios, RoundRatios, " ")}"));
        }

        foreach (var check in file.Targets)
        {
            var verdict = check.Pass switch { true => "met", false => "MISSED", null => "n/a" };
            yield return $"{file.Scenario} {file.Size}: {check.Name} = {check.Value} (target {check.Limit}): {verdict}";
        }

        foreach (var run in file.Results.Where(r => r.Status != "ok" || r.Note is not null))
        {
            yield return $"{file.Scenario} {file.Size} {run.Target}: {run.Status}{(run.Note is null ? "" : ": " + run.Note)}";
        }
    }

    private static string RenderMarkdown(List<string[]> rows, List<string> notes)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", Headers) + " |");
        sb.AppendLine("|" + string.Concat(Headers.Select(h => " --- |")));
        foreach (var row in rows)
        {
            sb.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
        }

        sb.AppendLine();
        foreach (var note in notes)
        {
            sb.AppendLine("- " + note);
        }

        return sb.ToString();
    }

    private static string RenderConsole(List<string[]> rows, List<string> notes)
    {
        var sb = new StringBuilder();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        sb.AppendLine(string.Join("  ", Headers.Select((h, i) => h.PadRight(widths[i]))));
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            sb.AppendLine(string.Join("  ", row.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
        }

        foreach (var note in notes)
        {
            sb.AppendLine("  " + note);
        }

        return sb.ToString();
    }

    private static string[] Row(ResultsFile file, RunResult run)
    {
        var use = run.ServerUse;
        var other = new List<string>();
        if (run.Idle is { } idle)
        {
            other.Add(F($"{idle.KiBPerJoinedConnection:0.0} KiB/conn joined ({idle.KiBPerJoinedConnectionAfterGc:0.0} after GC, {idle.KiBPerJoinedConnectionSettled:0.0} settled, {idle.KiBPerJoinedConnectionReturned:0.0} with free memory returned, managed heap {idle.HeapKiBPerJoinedConnection:0.0}; {idle.KiBPerConnection:0.0} connected only); joins allocated {idle.JoinAllocatedMiB:0} MiB"));
        }

        if (run.Rejoin is { Rejoined: > 0 } rejoin)
        {
            other.Add(F($"rejoin p50/p99/max {rejoin.Total.P50:0}/{rejoin.Total.P99:0}/{rejoin.Total.Max:0} ms, {rejoin.InSync}/{rejoin.Participants} in sync, {rejoin.Rejoined} rejoins, mean {rejoin.MissedMean:0.#} missed"));
        }

        if (run.CallFailures > 0 || run.Errors.Count > 0)
        {
            other.Add("errors " + string.Join(", ", run.Errors.Select(e => $"{e.Key} {e.Value}")));
        }

        if (run.Status != "ok")
        {
            other.Insert(0, run.Status.ToUpperInvariant());
        }

        var latency = run.Latency is { Count: > 0 } l ? l : null;
        return
        [
            $"{file.Scenario} {file.Size}{(file.Tag is null ? "" : " " + file.Tag)}",
            run.Round is { } round ? $"{run.Target} #{round}" : run.Target,
            run.Status == "ok" ? $"{run.ConnectionsHeld}/{run.ConnectionsTarget}" : "-",
            run.Status == "ok" ? run.EventsExpected.ToString(CultureInfo.InvariantCulture) : "-",
            run.Status == "ok" ? run.Missing.ToString(CultureInfo.InvariantCulture) : "-",
            run.Status == "ok" ? run.Duplicates.ToString(CultureInfo.InvariantCulture) : "-",
            latency is null ? "-" : F($"{latency.P50:0.0}"),
            latency is null ? "-" : F($"{latency.P99:0.0}"),
            latency is null ? "-" : F($"{latency.P999:0.0}"),
            run.WorstWindowP99Ms is { } window ? F($"{window:0.0}") : "-",
            latency is null ? "-" : F($"{latency.Max:0.0}"),
            run.Ack is { Count: > 0 } ack ? F($"{ack.P99:0.0}") : "-",
            latency is null ? "-" : F($"{run.MessagesPerSecond:0}"),
            use is null ? "-" : F($"{use.CpuSeconds:0.0}"),
            use is null || use.CpuPercentOfOneCore == 0 ? "-" : F($"{use.CpuPercentOfOneCore:0}"),
            use is null ? "-" : F($"{use.PeakWorkingSetMiB:0}"),
            use?.Gen0 is null ? "-" : $"{use.Gen0}/{use.Gen1}/{use.Gen2}",
            run.ClientCpuPercent is { } c ? F($"{c:0}") : "-",
            run.OtherProcessesCpuPercent is { } o ? F($"{o:0}") : "-",
            string.Join("; ", other),
        ];
    }

    private static string Named(Dictionary<string, double?> ratios, (string Key, string Label)[] names, string separator) =>
        string.Join(separator, names.Where(n => ratios.ContainsKey(n.Key)).Select(n => $"{n.Label} {R(ratios, n.Key)}"));

    private static string R(Dictionary<string, double?> ratios, string key) =>
        ratios.GetValueOrDefault(key) is { } value ? F($"{value:0.00}×") : "";

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
