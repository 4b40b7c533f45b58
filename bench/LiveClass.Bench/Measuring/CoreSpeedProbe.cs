using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LiveClass.Bench.Reporting;

namespace LiveClass.Bench.Measuring;

/// <summary>
/// How fast the servers' core is running: a thread of the bench, pinned to that core, times a fixed
/// piece of work once a second by its own CPU time, so that waiting for the core does not count.
/// On a virtual machine the core can run slower for stretches of tens of seconds, and a server
/// measured in such a stretch uses more CPU and has a longer tail; each run reports how much of
/// its window fell in one. The probe takes about 2 ms a second of the core, alike for both servers.
/// </summary>
public sealed class CoreSpeedProbe : IDisposable
{
    /// <summary>
    /// The core counts as slow in a second when the median of the five samples around it is at
    /// least this much slower than the fastest seen; one sample that a preemption or a cold cache
    /// slowed does not make a slow second.
    /// </summary>
    public const double SlowFactor = 1.15;

    private const int StretchSamples = 5;

    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private const int Iterations = 1_000_000;
    private const int TableMask = 4095;
    private const int CalibrationSamples = 5;

    private readonly Lock _lock = new();
    private readonly List<CoreSpeedSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _started = new();
    private double _fastestMs = double.PositiveInfinity;
    private int _threadId;

    private CoreSpeedProbe(ulong cpuMask)
    {
        _thread = new Thread(() => Run(cpuMask)) { Name = "core speed probe", IsBackground = true };
    }

    /// <summary>The probe's thread id, once started; its affinity is the core it measures.</summary>
    public int ThreadId => Volatile.Read(ref _threadId);

    /// <summary>The fastest the work has run so far: the core's usual speed.</summary>
    public double FastestMs
    {
        get
        {
            lock (_lock)
            {
                return _fastestMs;
            }
        }
    }

    /// <summary>Starts probing the given cores (taskset's list form, e.g. "1" or "2-3"); null where threads cannot be pinned.</summary>
    public static CoreSpeedProbe? Start(string cpus)
    {
        if (!OperatingSystem.IsLinux() || CpuMask(cpus) is not { } mask)
        {
            return null;
        }

        var probe = new CoreSpeedProbe(mask);
        probe._thread.Start();
        probe._started.Wait(TimeSpan.FromSeconds(30));
        if (probe.ThreadId > 0)
        {
            return probe;
        }

        probe.Dispose();
        return null;
    }

    /// <summary>The samples taken between two <see cref="Clock.NowMs"/> times.</summary>
    public List<CoreSpeedSample> Between(double fromMs, double toMs)
    {
        lock (_lock)
        {
            return _samples.Where(s => s.AtMs >= fromMs && s.AtMs <= toMs).ToList();
        }
    }

    /// <summary>The core's speed over a window: its samples against the fastest the probe has seen.</summary>
    public CoreSpeed? Summarize(double fromMs, double toMs) => Summarize(Between(fromMs, toMs), FastestMs);

    public static CoreSpeed? Summarize(IReadOnlyList<CoreSpeedSample> samples, double fastestMs)
    {
        if (samples.Count == 0 || !double.IsFinite(fastestMs) || fastestMs <= 0)
        {
            return null;
        }

        var times = samples.Select(s => s.WorkMs).ToList();
        var slow = Enumerable.Range(0, times.Count).Count(i => StretchMedian(times, i) >= fastestMs * SlowFactor);
        return new CoreSpeed(
            Math.Round(fastestMs, 3),
            times.Count,
            Math.Round(Verdicts.Median(times) / fastestMs, 2),
            Math.Round(times.Max() / fastestMs, 2),
            slow * Period.TotalSeconds);
    }

    private static double StretchMedian(List<double> times, int at)
    {
        var from = Math.Max(0, at - StretchSamples / 2);
        var to = Math.Min(times.Count, at + StretchSamples / 2 + 1);
        return Verdicts.Median(times.GetRange(from, to - from));
    }

    /// <summary>The mean time of the samples in a stretch against the fastest: 1 is the core's usual speed; NaN without samples.</summary>
    public double SlownessBetween(double fromMs, double toMs)
    {
        var samples = Between(fromMs, toMs);
        var fastest = FastestMs;
        return samples.Count == 0 || !double.IsFinite(fastest) ? double.NaN : Math.Round(samples.Average(s => s.WorkMs) / fastest, 2);
    }

    /// <summary>The bit mask of a taskset-style CPU list of cores below 64; null when it is not one.</summary>
    public static ulong? CpuMask(string cpus)
    {
        var mask = 0UL;
        foreach (var part in cpus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2
                || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || first > last || last > 63)
            {
                return null;
            }

            for (var cpu = first; cpu <= last; cpu++)
            {
                mask |= 1UL << cpu;
            }
        }

        return mask == 0 ? null : mask;
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _started.Dispose();
        _stop.Dispose();
    }

    private void Run(ulong cpuMask)
    {
        var table = new int[TableMask + 1];
        try
        {
            // 0 sets the calling thread's own affinity, which on Linux is per thread.
            if (SchedSetAffinity(0, sizeof(ulong), ref cpuMask) != 0 || double.IsNaN(ThreadCpuMs()))
            {
                return;
            }

            for (var i = 0; i < CalibrationSamples; i++)
            {
                Sample(table);
            }

            Volatile.Write(ref _threadId, GetTid());
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            // No such calls in this C library: the bench runs without the probe.
        }
        finally
        {
            _started.Set();
        }

        if (ThreadId <= 0)
        {
            return;
        }

        while (!_stop.Token.WaitHandle.WaitOne(Period))
        {
            Sample(table);
        }
    }

    private void Sample(int[] table)
    {
        var before = ThreadCpuMs();
        GC.KeepAlive(Work(table));
        var workMs = ThreadCpuMs() - before;
        lock (_lock)
        {
            _samples.Add(new CoreSpeedSample(Clock.NowMs(), Math.Round(workMs, 3)));
            _fastestMs = Math.Min(_fastestMs, workMs);
        }
    }

    /// <summary>
    /// Integer work with a store into a 16-KiB table at every step: it slows with the core's clock
    /// and with what shares the core's pipeline and nearest cache, and its table comes back into
    /// that cache within microseconds after the server ran. Compiled optimized from its first call.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Work(int[] table)
    {
        var x = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < Iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            table[(int)(x & TableMask)] += i;
        }

        return x;
    }

    private static double ThreadCpuMs() =>
        ClockGetTime(ThreadCpuClock, out var time) == 0 ? time.Seconds * 1000.0 + time.Nanoseconds / 1e6 : double.NaN;

    private const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static extern int SchedSetAffinity(int pid, nint cpuSetSize, ref ulong mask);

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();
}
