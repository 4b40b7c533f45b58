using System.Globalization;
using System.Security;
using System.Text;

namespace LiveClass.Bench.Reporting;

/// <summary>p99 delivery latency against connections, LiveClass and baseline, on log-log axes, as a standalone SVG.</summary>
public static class SvgChart
{
    private const int Width = 760;
    private const int Height = 460;
    private const int Left = 70;
    private const int Right = 170;
    private const int Top = 40;
    private const int Bottom = 60;

    public static string Render(IEnumerable<ResultsFile> files)
    {
        var points = files
            .SelectMany(f => new[] { f.LiveClass, f.Baseline }.OfType<RunResult>().Where(r => r.Status == "ok" && r.Latency is { Count: > 0 })
                .Select(r => (Target: r.Target, X: (double)r.ConnectionsHeld, Y: Math.Max(0.1, r.Latency!.P99),
                    Label: $"{f.Scenario}{(f.Size == "full" ? "" : " " + f.Size)}{(f.Tag is null ? "" : " " + f.Tag)}")))
            .Where(p => p.X > 0)
            .ToList();

        var xMin = Math.Pow(10, Math.Floor(Math.Log10(points.Count == 0 ? 10 : points.Min(p => p.X))));
        var xMax = Math.Pow(10, Math.Ceiling(Math.Log10(points.Count == 0 ? 10000 : points.Max(p => p.X) * 1.01)));
        var yMin = Math.Pow(10, Math.Floor(Math.Log10(points.Count == 0 ? 1 : Math.Min(points.Min(p => p.Y), 1))));
        var yMax = Math.Pow(10, Math.Ceiling(Math.Log10(points.Count == 0 ? 100 : Math.Max(points.Max(p => p.Y), 100) * 1.01)));
        double Px(double x) => Left + (Math.Log10(x) - Math.Log10(xMin)) / (Math.Log10(xMax) - Math.Log10(xMin)) * (Width - Left - Right);
        double Py(double y) => Height - Bottom - (Math.Log10(y) - Math.Log10(yMin)) / (Math.Log10(yMax) - Math.Log10(yMin)) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.AppendLine(F($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" viewBox="0 0 {Width} {Height}" font-family="sans-serif" font-size="12">"""));
        svg.AppendLine(F($"""<rect width="{Width}" height="{Height}" fill="white"/>"""));
        svg.AppendLine(F($"""<text x="{Left}" y="22" font-size="15" font-weight="bold">p99 delivery latency against connections (log-log)</text>"""));

        for (var decade = xMin; decade <= xMax * 1.001; decade *= 10)
        {
            var x = Px(decade);
            svg.AppendLine(F($"""<line x1="{x:0.#}" y1="{Top}" x2="{x:0.#}" y2="{Height - Bottom}" stroke="#ddd"/>"""));
            svg.AppendLine(F($"""<text x="{x:0.#}" y="{Height - Bottom + 18}" text-anchor="middle">{decade:#,0}</text>"""));
        }

        for (var decade = yMin; decade <= yMax * 1.001; decade *= 10)
        {
            var y = Py(decade);
            svg.AppendLine(F($"""<line x1="{Left}" y1="{y:0.#}" x2="{Width - Right}" y2="{y:0.#}" stroke="#ddd"/>"""));
            svg.AppendLine(F($"""<text x="{Left - 8}" y="{y + 4:0.#}" text-anchor="end">{decade:0.###}</text>"""));
        }

        foreach (var (limit, label) in new[] { (50.0, "S1 target 50 ms"), (100.0, "S2 target 100 ms") })
        {
            if (limit > yMin && limit < yMax)
            {
                var y = Py(limit);
                svg.AppendLine(F($"""<line x1="{Left}" y1="{y:0.#}" x2="{Width - Right}" y2="{y:0.#}" stroke="#c33" stroke-dasharray="6 4"/>"""));
                svg.AppendLine(F($"""<text x="{Width - Right + 6}" y="{y + 4:0.#}" fill="#c33">{label}</text>"""));
            }
        }

        svg.AppendLine(F($"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" stroke="black"/>"""));
        svg.AppendLine(F($"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" stroke="black"/>"""));
        svg.AppendLine(F($"""<text x="{(Left + Width - Right) / 2}" y="{Height - 18}" text-anchor="middle">connections held</text>"""));
        svg.AppendLine(F($"""<text transform="translate(18 {(Top + Height - Bottom) / 2}) rotate(-90)" text-anchor="middle">p99 latency, ms (server "at" to client receipt)</text>"""));

        var series = new[] { ("liveclass", "#1f5fbf", "LiveClass"), ("baseline", "#888", "bare SignalR baseline") };
        var legendY = Top + 10;
        foreach (var (target, color, name) in series)
        {
            var own = points.Where(p => p.Target == target).OrderBy(p => p.X).ToList();
            foreach (var p in own)
            {
                svg.AppendLine(F($"""<circle cx="{Px(p.X):0.#}" cy="{Py(p.Y):0.#}" r="5" fill="{color}"><title>{Escape(p.Label)} {name}: {p.X:0} connections, p99 {p.Y:0.0} ms</title></circle>"""));
                svg.AppendLine(F($"""<text x="{Px(p.X) + 8:0.#}" y="{Py(p.Y) + (target == "liveclass" ? -6 : 14):0.#}" fill="{color}" font-size="11">{Escape(p.Label)}</text>"""));
            }

            svg.AppendLine(F($"""<circle cx="{Width - Right + 12}" cy="{legendY}" r="5" fill="{color}"/>"""));
            svg.AppendLine(F($"""<text x="{Width - Right + 22}" y="{legendY + 4}">{name}</text>"""));
            legendY += 20;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text);

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
