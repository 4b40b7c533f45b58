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

    /// <summary>CPU seconds so far of each thread alive in the process, by thread id; empty when it cannot be read.</summary>
    public static Dictionary<int, ThreadTime> Read(int pid)
    {
        var times = new Dictionary<int, ThreadTime>();
        IEnumerable<string> threads;
        try
        {
            threads = Directory.EnumerateDirectories($"/proc/{pid}/task").ToList();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return times;
        }

        foreach (var thread in threads)
        {
            if (!int.TryParse(Path.GetFileName(thread), out var threadId))
            {
                continue;
            }

            try
            {
                var (name, cpuSeconds) = ProcStats.ParseStat(File.ReadAllText(Path.Combine(thread, "stat")));
                times[threadId] = new ThreadTime(KindOf(name), cpuSeconds);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return times;
    }

    /// <summary>
    /// What each kind of thread spent between two readings, thread by thread: a thread that started
    /// in between counts from zero, and one that ended in between is missing from the second
    /// reading, so its last moments are not counted (its time before the first never is).
    /// </summary>
    public static Dictionary<string, double> Between(IReadOnlyDictionary<int, ThreadTime> before, IReadOnlyDictionary<int, ThreadTime> after)
    {
        var byKind = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (threadId, now) in after)
        {
            var then = before.TryGetValue(threadId, out var earlier) && earlier.Kind == now.Kind ? earlier.CpuSeconds : 0;
            byKind[now.Kind] = byKind.GetValueOrDefault(now.Kind) + Math.Max(0, now.CpuSeconds - then);
        }

        return byKind.ToDictionary(kind => kind.Key, kind => Math.Round(kind.Value, 2), StringComparer.Ordinal);
    }
}
