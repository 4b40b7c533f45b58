using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Cli;

/// <summary><c>table</c> and <c>chart</c>: views of result files already written.</summary>
public static class ReportCommands
{
    public static int Table(Invocation invocation, IReadOnlyList<string> inputs)
    {
        var files = Load(invocation, inputs);
        Console.WriteLine(invocation.Options.Markdown ? ResultsTable.Markdown(files) : ResultsTable.Console(files));
        return 0;
    }

    public static int Chart(Invocation invocation, IReadOnlyList<string> inputs)
    {
        var output = invocation.Options.ChartOutput ?? Path.Combine(invocation.RepoRoot, "docs", "benchmarks-p99.svg");
        var files = Load(invocation, inputs);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, SvgChart.Render(files));
        Console.WriteLine($"chart of {files.Count} result files: {output}");
        return 0;
    }

    private static List<ResultsFile> Load(Invocation invocation, IReadOnlyList<string> inputs) =>
        ResultsFile.Load(inputs.Count > 0 ? inputs : [invocation.ResultsDir]).ToList();
}
