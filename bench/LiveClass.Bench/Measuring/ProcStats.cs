using System.Globalization;

namespace LiveClass.Bench.Measuring;

/// <summary>One reading of a process from /proc: CPU seconds (user + system), memory, threads.</summary>
public sealed record ProcSample(int Pid, double CpuSeconds, long RssKiB, long PeakRssKiB, int Threads, DateTime At)
{
    public double RssMiB => RssKiB / 1024.0;
    public double PeakRssMiB => PeakRssKiB / 1024.0;
}

public static class ProcStats
{
    /// <summary>Clock ticks per second of /proc/&lt;pid&gt;/stat; 100 on every Linux the bench runs on (getconf CLK_TCK).</summary>
    private const double TicksPerSecond = 100.0;

    public static ProcSample? TryRead(int pid)
    {
        try
        {
            var (_, cpuSeconds) = ParseStat(File.ReadAllText($"/proc/{pid}/stat"));

            long rss = 0, hwm = 0;
            var threads = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = ParseKiB(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = ParseKiB(line);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = (int)ParseKiB(line);
                }
            }

            return new ProcSample(pid, cpuSeconds, rss, hwm, threads, DateTime.UtcNow);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// The name and CPU seconds (user + system) of a process's or a thread's <c>stat</c> line. The
    /// name may hold spaces and parentheses; the fields after its closing parenthesis do not.
    /// </summary>
    public static (string Name, double CpuSeconds) ParseStat(string stat)
    {
        var close = stat.LastIndexOf(')');
        var name = stat[(stat.IndexOf('(') + 1)..close];
        var fields = stat[(close + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (name, ticks / TicksPerSecond);
    }

    /// <summary>The process that listens on a local TCP port, found through /proc/net/tcp and the processes' sockets.</summary>
    public static int? FindListeningPid(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length > 9 && cols[3] == "0A"
                    && int.Parse(cols[1][(cols[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{cols[9]}]");
                }
            }
        }

        if (inodes.Count == 0)
        {
            return null;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    private static long ParseKiB(string line) =>
        long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>Busy and total jiffies of each CPU from /proc/stat, to see how much of a core other processes took.</summary>
    public static Dictionary<string, (long Busy, long Total)> ReadCpuTimes()
    {
        var times = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        if (!File.Exists("/proc/stat"))
        {
            return times;
        }

        foreach (var line in File.ReadLines("/proc/stat"))
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal))
            {
                break;
            }

            var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = cols.Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal ...: idle and iowait are not busy.
            var total = values.Take(8).Sum();
            var idle = values[3] + (values.Length > 4 ? values[4] : 0);
            times[cols[0]] = (total - idle, total);
        }

        return times;
    }

    /// <summary>Per-CPU busy percentage between two readings of <see cref="ReadCpuTimes"/>.</summary>
    public static Dictionary<string, double> BusyPercent(Dictionary<string, (long Busy, long Total)> before, Dictionary<string, (long Busy, long Total)> after) =>
        after.Where(a => before.ContainsKey(a.Key))
            .ToDictionary(a => a.Key, a =>
            {
                var total = a.Value.Total - before[a.Key].Total;
                return total <= 0 ? 0 : Math.Round((a.Value.Busy - before[a.Key].Busy) * 100.0 / total, 1);
            }, StringComparer.Ordinal);
}
