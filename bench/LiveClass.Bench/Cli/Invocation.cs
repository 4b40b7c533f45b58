using LiveClass.Bench.Measuring;

namespace LiveClass.Bench.Cli;

/// <summary>This run of the bench: its command line, where it reads and writes, and whether client and servers are pinned.</summary>
public sealed record Invocation(BenchOptions Options, IReadOnlyList<string> Args, string RepoRoot, string ResultsDir, bool Pinned)
{
    public string Command => "LiveClass.Bench " + string.Join(' ', Args);

    /// <summary>How fast the servers' core runs, when client and servers are pinned.</summary>
    public CoreSpeedProbe? CoreSpeed { get; init; }

    public static Invocation Create(BenchOptions options, IReadOnlyList<string> args, bool pinned)
    {
        var repoRoot = options.RepoRoot ?? FindRepoRoot();
        var resultsDir = Path.GetFullPath(options.OutDir ?? Path.Combine(repoRoot, "bench", "results"));
        return new Invocation(options, args, repoRoot, resultsDir, pinned);
    }

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LiveClass.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
