using System.Globalization;
using System.Security;
using System.Text;

namespace LiveClass.Bench.Reporting;

/// <summary>p99 delivery latency against connections, LiveClass and baseline, on log-log axes, as a standalone SVG.</summary>
public static class SvgChart
{
    private const int Width = 760, Height = 460;

    /// <summary>Margins around the plot: the axes' labels on the left and bottom, the legend on the right.</summary>
    private const int Left = 70, Right = 170, Top = 40, Bottom = 60;

    public static string Render(IEnumerable<ResultsFile> files)
    {
        var points = files
            .SelectMany(f => new[] { f.LiveClass, f.Baseline }.OfType<RunResult>().Where(r => r.Status == "ok" && r.Latency is { Count: > 0 })
                .Select(r => new Point(r.Target, r.ConnectionsHeld, Math.Max(0.1, r.Latency!.P99),
                    $"{f.Scenario}{(f.Size == "full" ? "" : " " + f.Size)}{(f.Tag is null ? "" : " " + f.Tag)}")))
            .Where(p => p.X > 0)
            .ToList();
        var axes = LogAxes.Around(points);

        var svg = new StringBuilder();
        svg.AppendLine(F($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">"""));
        svg.AppendLine(F($"""<rect width="{Width}" height="{Height}" fill="white"/>"""));
        svg.AppendLine(F($"""<text x="{Left}" y="22" font-size="15" font-weight="bold">p99 delivery latency against connections (log-log)</text>"""));
        DrawGrid(svg, axes);
        DrawFrame(svg);
        DrawSeries(svg, axes, points);
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>A line at each decade of both axes, and the scenarios' p99 targets.</summary>
    private static void DrawGrid(StringBuilder svg, LogAxes axes)
    {
        for (var decade = axes.XMin; decade <= axes.XMax * 1.001; decade *= 10)
        {
            var x = axes.Px(decade);
            svg.AppendLine(F($"""<line x1="{x:0.#}" y1="{Top}" x2="{x:0.#}" y2="{Height - Bottom}" stroke="#ddd"/>"""));
            svg.AppendLine(F($"""<text x="{x:0.#}" y="{Height - Bottom + 18}" text-anchor="middle">{decade:#,0}</text>"""));
        }

        for (var decade = axes.YMin; decade <= axes.YMax * 1.001; decade *= 10)
        {
            var y = axes.Py(decade);
            svg.AppendLine(F($"""<line x1="{Left}" y1="{y:0.#}" x2="{Width - Right}" y2="{y:0.#}" stroke="#ddd"/>"""));
            svg.AppendLine(F($"""<text x="{Left - 8}" y="{y + 4:0.#}" text-anchor="end">{decade:0.###}</text>"""));
        }

        foreach (var (limit, label) in new[] { (50.0, "S1 target 50 ms"), (100.0, "S2 target 100 ms") })
        {
            if (limit > axes.YMin && limit < axes.YMax)
            {
                var y = axes.Py(limit);
                svg.AppendLine(F($"""<line x1="{Left}" y1="{y:0.#}" x2="{Width - Right}" y2="{y:0.#}" stroke="#c33" stroke-dasharray="6 4"/>"""));
                svg.AppendLine(F($"""<text x="{Width - Right + 6}" y="{y + 4:0.#}" fill="#c33">{label}</text>"""));
            }
        }
    }

    private static void DrawFrame(StringBuilder svg)
    {
        svg.AppendLine(F($"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" stroke="black"/>"""));
        svg.AppendLine(F($"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" stroke="black"/>"""));
        svg.AppendLine(F($"""<text x="{(Left + Width - Right) / 2}" y="{Height - 18}" text-anchor="middle">connections held</text>"""));
        svg.AppendLine(F($"""<text transform="translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)" text-anchor="middle">p99 latency, ms (server "at" to client receipt)</text>"""));
    }

    private static void DrawSeries(StringBuilder svg, LogAxes axes, List<Point> points)
    {
        var series = new[] { ("liveclass", "#1f5fbf", "LiveClass"), ("baseline", "#888", "bare SignalR baseline") };
        var legendY = Top + 10;
        foreach (var (target, color, name) in series)
        {
            foreach (var p in points.Where(p => p.Target == target).OrderBy(p => p.X))
            {
                var (x, y) = (axes.Px(p.X), axes.Py(p.Y));
                svg.AppendLine(F($"""<circle cx="{x:0.#}" cy="{y:0.#}" r="5" fill="{color}"><title>{Escape(p.Label)} {name}: {p.X:0} connections, p99 {p.Y:0.0} ms</title></circle>"""));
                svg.AppendLine(F($"""<text x="{x + 8:0.#}" y="{y + (target == "liveclass" ? -6 : 14):0.#}" fill="{color}" font-size="11">{Escape(p.Label)}</text>"""));
            }

            svg.AppendLine(F($"""<circle cx="{Width - Right + 12}" cy="{legendY}" r="5" fill="{color}"/>"""));
            svg.AppendLine(F($"""<text x="{Width - Right + 22}" y="{legendY + 4}">{name}</text>"""));
            legendY += 20;
        }
    }

    private sealed record Point(string Target, double X, double Y, string Label);

    /// <summary>Decade-aligned log axes wide enough for every point (and for the targets' 1 to 100 ms).</summary>
    private sealed record LogAxes(double XMin, double XMax, double YMin, double YMax)
    {
        public static LogAxes Around(List<Point> points) => new(
            Math.Pow(10, Math.Floor(Math.Log10(points.Count == 0 ? 10 : points.Min(p => p.X)))),
            Math.Pow(10, Math.Ceiling(Math.Log10(points.Count == 0 ? 10000 : points.Max(p => p.X) * 1.01))),
            Math.Pow(10, Math.Floor(Math.Log10(points.Count == 0 ? 1 : Math.Min(points.Min(p => p.Y), 1)))),
            Math.Pow(10, Math.Ceiling(Math.Log10(points.Count == 0 ? 100 : Math.Max(points.Max(p => p.Y), 100) * 1.01))));

        public double Px(double x) => Left + (Math.Log10(x) - Math.Log10(XMin)) / (Math.Log10(XMax) - Math.Log10(XMin)) * (Width - Left - Right);

        public double Py(double y) => Height - Bottom - (Math.Log10(y) - Math.Log10(YMin)) / (Math.Log10(YMax) - Math.Log10(YMin)) * (Height - Top - Bottom);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
