using System.Globalization;
using System.Runtime;
using System.Text;

namespace LiveClass.Bench.Probe;

/// <summary>Writes a sample of the server's runtime (GC, heap, thread pool, and the meters when asked) every period, and forces a GC when asked.</summary>
internal sealed class RuntimeProbe(string output, int periodMs, bool meters, bool allocations)
{
    private readonly GcPauseListener _pauses = new(allocations);
    private readonly MeterAggregator? _meters = meters ? new MeterAggregator() : null;

    public void Run()
    {
        try
        {
            Loop();
        }
        catch (Exception exception)
        {
            // The probe must never take the server down.
            Console.Error.WriteLine($"LiveClass bench probe stopped: {exception.Message}");
        }
    }

    private void Loop()
    {
        var gcRequest = output + ".gc";
        using var writer = new StreamWriter(new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        while (true)
        {
            var forced = false;
            if (File.Exists(gcRequest))
            {
                var mode = TryRead(gcRequest) == "aggressive" ? GCCollectionMode.Aggressive : GCCollectionMode.Forced;
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, mode, blocking: true, compacting: true);
                TryDelete(gcRequest);
                forced = true;
            }

            try
            {
                writer.WriteLine(Sample(forced));
            }
            catch (Exception exception) when (exception is not IOException)
            {
                // One sample lost, not the rest of the run: a window's end would otherwise be read
                // from whatever sample came last.
                Console.Error.WriteLine($"LiveClass bench probe skipped a sample: {exception.Message}");
            }

            Thread.Sleep(periodMs);
        }
    }

    private string Sample(bool forcedGc)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var sb = new StringBuilder(512);
        sb.Append('{');
        Field(sb, "t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Field(sb, "forcedGc", forcedGc);
        Field(sb, "gen0", GC.CollectionCount(0));
        Field(sb, "gen1", GC.CollectionCount(1));
        Field(sb, "gen2", GC.CollectionCount(2));
        Field(sb, "allocatedBytes", GC.GetTotalAllocatedBytes(false));
        Field(sb, "pauseMs", GC.GetTotalPauseDuration().TotalMilliseconds);
        Field(sb, "maxPauseMs", _pauses.MaxPauseMs);
        Field(sb, "pausesOver10ms", _pauses.PausesOver10Ms);
        sb.Append("\"maxPauseGc\":\"").Append(_pauses.MaxPauseGc).Append("\",");
        Field(sb, "heapBytes", info.HeapSizeBytes);
        Field(sb, "committedBytes", info.TotalCommittedBytes);
        Field(sb, "fragmentedBytes", info.FragmentedBytes);
        Field(sb, "totalMemoryBytes", GC.GetTotalMemory(false));
        Field(sb, "serverGc", GCSettings.IsServerGC);
        Field(sb, "processorCount", Environment.ProcessorCount);
        Field(sb, "threadPoolThreads", ThreadPool.ThreadCount);
        Field(sb, "threadPoolPending", ThreadPool.PendingWorkItemCount);
        Field(sb, "threadPoolCompleted", ThreadPool.CompletedWorkItemCount);
        Field(sb, "lockContentions", Monitor.LockContentionCount);
        Field(sb, "workingSetBytes", Environment.WorkingSet);
        if (_pauses.Allocations is { } sampled)
        {
            sb.Append("\"allocationsByType\":{");
            foreach (var (type, bytes) in sampled.OrderByDescending(a => a.Value).Take(60))
            {
                sb.Append('"').Append(type.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append("\":").Append(bytes.ToString(CultureInfo.InvariantCulture)).Append(',');
            }

            if (sb[^1] == ',')
            {
                sb.Length--;
            }

            sb.Append("},");
        }

        if (_meters is not null)
        {
            sb.Append("\"meters\":");
            _meters.AppendJson(sb);
            sb.Append(',');
        }

        sb.Length--;
        sb.Append('}');
        return sb.ToString();
    }

    private static void Field(StringBuilder sb, string name, long value) =>
        sb.Append('"').Append(name).Append("\":").Append(value.ToString(CultureInfo.InvariantCulture)).Append(',');

    private static void Field(StringBuilder sb, string name, double value) =>
        sb.Append('"').Append(name).Append("\":").Append(value.ToString("0.###", CultureInfo.InvariantCulture)).Append(',');

    private static void Field(StringBuilder sb, string name, bool value) =>
        sb.Append('"').Append(name).Append("\":").Append(value ? "true" : "false").Append(',');

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
