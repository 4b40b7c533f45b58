namespace LiveClass.Bench.Measuring;

/// <summary>
/// A process's CPU seconds by the kind of thread that spent them, told apart by the names .NET
/// gives its threads: the thread pool's workers (the application's own work and their spinning
/// between work items), the tiered compiler, the background GC, the sockets' event loop, timers.
/// A server that uses more CPU than before under the same load shows here which part grew.
/// </summary>
public static class ThreadCpu
{
    public const string ThreadPool = "threadPool";
    public const string Compiler = "compiler";
    public const string BackgroundGc = "backgroundGc";
    public const string Sockets = "sockets";
    public const string Timers = "timers";
    public const string Other = "other";

    /// <summary>The kind of a thread from its name as Linux keeps it (at most 15 characters).</summary>
    public static string KindOf(string threadName) => threadName switch
    {
        _ when threadName.StartsWith(".NET TP Worker", StringComparison.Ordinal) => ThreadPool,
        _ when threadName.StartsWith(".NET Tiered Com", StringComparison.Ordinal) => Compiler,
        _ when threadName.StartsWith(".NET BGC", StringComparison.Ordinal) => BackgroundGc,
        _ when threadName.StartsWith(".NET Sockets", StringComparison.Ordinal) => Sockets,
        _ when threadName.StartsWith(".NET Timer", StringComparison.Ordinal) || threadName.StartsWith("Kestrel Timer", StringComparison.Ordinal) => Timers,
        _ => Other,
    };

    /// <summary>CPU seconds so far of each kind of thread alive in the process; empty when it cannot be read.</summary>
    public static Dictionary<string, double> Read(int pid)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        IEnumerable<string> threads;
        try
        {
            threads = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return seconds;
        }

        foreach (var thread in threads)
        {
            try
            {
                var (name, cpuSeconds) = ProcStats.ParseStat(File.ReadAllText(Path.Combine(thread, "stat")));
                var kind = KindOf(name);
                seconds[kind] = seconds.GetValueOrDefault(kind) + cpuSeconds;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return seconds;
    }

    /// <summary>What each kind spent between two readings; a kind whose threads all ended in between counts from zero.</summary>
    public static Dictionary<string, double> Between(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        after.ToDictionary(kind => kind.Key, kind => Math.Round(Math.Max(0, kind.Value - before.GetValueOrDefault(kind.Key)), 2), StringComparer.Ordinal);
}
