using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime;
using System.Text;

/// <summary>
/// Entry point the runtime calls before the host's Main when this assembly is named in
/// DOTNET_STARTUP_HOOKS. Everything is driven by environment variables so the server's own
/// command line and configuration stay exactly as in production:
/// <list type="bullet">
/// <item>LIVECLASS_PROBE_OUT: file that receives one JSON line per sample (required, else the hook does nothing).</item>
/// <item>LIVECLASS_PROBE_PERIOD_MS: sampling period, 500 by default.</item>
/// <item>LIVECLASS_PROBE_METERS=1: also aggregate every System.Diagnostics.Metrics instrument whose meter starts with "Microsoft.Orleans" or "Microsoft.AspNetCore" (costs a little).</item>
/// <item>LIVECLASS_PROBE_ALLOCATIONS=1: also sample allocations by type from the runtime's AllocationTick events (one per ~100 KB allocated).</item>
/// </list>
/// Writing the file "&lt;out&gt;.gc" asks for a blocking compacting full GC; the next line has "forcedGc": true.
/// If the file says "aggressive", the GC also gives every free page back to the operating system.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var output = Environment.GetEnvironmentVariable("LIVECLASS_PROBE_OUT");
        if (string.IsNullOrEmpty(output))
        {
            return;
        }

        var period = int.TryParse(Environment.GetEnvironmentVariable("LIVECLASS_PROBE_PERIOD_MS"), out var ms) && ms > 0 ? ms : 500;
        var meters = Environment.GetEnvironmentVariable("LIVECLASS_PROBE_METERS") == "1";
        var allocations = Environment.GetEnvironmentVariable("LIVECLASS_PROBE_ALLOCATIONS") == "1";
        var probe = new LiveClass.Bench.Probe.RuntimeProbe(output, period, meters, allocations);
        var thread = new Thread(probe.Run) { IsBackground = true, Name = "LiveClass bench probe" };
        thread.Start();
    }
}

namespace LiveClass.Bench.Probe
{
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

                writer.WriteLine(Sample(forced));
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
                foreach (var (type, bytes) in sampled.OrderByDescending(a => a.Value).Take(25))
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

    /// <summary>Measures every GC pause (suspend to restart) from the runtime's own GC events.</summary>
    internal sealed class GcPauseListener(bool allocations) : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly ConcurrentDictionary<string, long>? _allocations = allocations ? new(StringComparer.Ordinal) : null;
        private long _suspendTicks;
        private double _maxPauseMs;
        private long _over10;

        public double MaxPauseMs => Volatile.Read(ref _maxPauseMs);

        public long PausesOver10Ms => Interlocked.Read(ref _over10);

        /// <summary>Bytes allocated per type, estimated from the AllocationTick samples; null unless asked for.</summary>
        public IReadOnlyDictionary<string, long>? Allocations => _allocations;

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // Verbose adds the AllocationTick event (type name and amount, about every 100 KB).
                EnableEvents(eventSource, _allocations is null ? EventLevel.Informational : EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            switch (eventData.EventName)
            {
                case "GCAllocationTick_V4" or "GCAllocationTick_V3" or "GCAllocationTick_V2" when _allocations is not null && eventData.PayloadNames is { } names:
                    var typeIndex = names.IndexOf("TypeName");
                    var amountIndex = names.IndexOf("AllocationAmount64");
                    if (typeIndex >= 0 && amountIndex >= 0 && eventData.Payload![typeIndex] is string type && eventData.Payload[amountIndex] is ulong amount)
                    {
                        _allocations.AddOrUpdate(type, (long)amount, (_, total) => total + (long)amount);
                    }

                    break;
                case "GCSuspendEEBegin_V1":
                    Volatile.Write(ref _suspendTicks, eventData.TimeStamp.Ticks);
                    break;
                case "GCRestartEEEnd_V1":
                    var begin = Volatile.Read(ref _suspendTicks);
                    if (begin > 0)
                    {
                        var pause = (eventData.TimeStamp.Ticks - begin) / (double)TimeSpan.TicksPerMillisecond;
                        if (pause > _maxPauseMs)
                        {
                            Volatile.Write(ref _maxPauseMs, pause);
                        }

                        if (pause > 10)
                        {
                            Interlocked.Increment(ref _over10);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Sums every measurement of the Orleans instruments: count, sum and max per instrument.</summary>
    internal sealed class MeterAggregator
    {
        private readonly ConcurrentDictionary<string, Aggregate> _aggregates = new(StringComparer.Ordinal);
        private readonly MeterListener _listener = new();

        public MeterAggregator()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                    || instrument.Meter.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument, _aggregates.GetOrAdd(instrument.Name, _ => new Aggregate()));
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, state) => ((Aggregate)state!).Add(value));
            _listener.SetMeasurementEventCallback<int>((_, value, _, state) => ((Aggregate)state!).Add(value));
            _listener.SetMeasurementEventCallback<double>((_, value, _, state) => ((Aggregate)state!).Add(value));
            _listener.SetMeasurementEventCallback<float>((_, value, _, state) => ((Aggregate)state!).Add(value));
            _listener.Start();
        }

        public void AppendJson(StringBuilder sb)
        {
            _listener.RecordObservableInstruments();
            sb.Append('{');
            foreach (var (name, aggregate) in _aggregates.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                var (count, sum, max, last) = aggregate.Read();
                sb.Append('"').Append(name).Append("\":{\"count\":").Append(count.ToString(CultureInfo.InvariantCulture))
                    .Append(",\"sum\":").Append(sum.ToString("0.###", CultureInfo.InvariantCulture))
                    .Append(",\"max\":").Append(max.ToString("0.###", CultureInfo.InvariantCulture))
                    .Append(",\"last\":").Append(last.ToString("0.###", CultureInfo.InvariantCulture)).Append("},");
            }

            if (sb[^1] == ',')
            {
                sb.Length--;
            }

            sb.Append('}');
        }

        private sealed class Aggregate
        {
            private readonly Lock _lock = new();
            private long _count;
            private double _sum;
            private double _max = double.MinValue;
            private double _last;

            public void Add(double value)
            {
                lock (_lock)
                {
                    _count++;
                    _sum += value;
                    _last = value;
                    if (value > _max)
                    {
                        _max = value;
                    }
                }
            }

            public (long Count, double Sum, double Max, double Last) Read()
            {
                lock (_lock)
                {
                    return (_count, _sum, _count == 0 ? 0 : _max, _last);
                }
            }
        }
    }
}
