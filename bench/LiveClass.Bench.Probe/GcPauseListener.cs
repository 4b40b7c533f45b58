using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace LiveClass.Bench.Probe;

/// <summary>Measures every GC pause (suspend to restart) from the runtime's own GC events.</summary>
internal sealed class GcPauseListener(bool allocations) : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long>? _allocations = allocations ? new(StringComparer.Ordinal) : null;
    private long _suspendTicks;
    private double _maxPauseMs;
    private long _over10;
    private string _pauseGc = "";
    private double _suspendMs;
    private string _maxPauseGc = "";

    public double MaxPauseMs => Volatile.Read(ref _maxPauseMs);

    /// <summary>What ran in the longest pause: generation, kind (non-concurrent, background, foreground) and reason.</summary>
    public string MaxPauseGc => Volatile.Read(ref _maxPauseGc);

    public long PausesOver10Ms => Interlocked.Read(ref _over10);

    /// <summary>Bytes allocated per type, estimated from the AllocationTick samples; null unless asked for.</summary>
    /// <remarks>
    /// A snapshot: the listener adds types while the probe reads, and LINQ over the live dictionary
    /// sizes its buffer before copying, so a type added in between fails the copy.
    /// </remarks>
    public KeyValuePair<string, long>[]? Allocations => _allocations?.ToArray();

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
                // A collection that starts in this pause names it; one that does not is a later phase of a background collection, or no collection at all.
                Volatile.Write(ref _pauseGc, SuspensionOf(eventData));
                Volatile.Write(ref _suspendMs, 0);
                break;
            case "GCSuspendEEEnd_V1":
                var suspendBegin = Volatile.Read(ref _suspendTicks);
                Volatile.Write(ref _suspendMs, suspendBegin > 0 ? (eventData.TimeStamp.Ticks - suspendBegin) / (double)TimeSpan.TicksPerMillisecond : 0);
                break;
            case "GCStart_V2" when eventData.PayloadNames is not null:
                Volatile.Write(ref _pauseGc, Describe(eventData));
                break;
            case "GCRestartEEEnd_V1":
                var begin = Volatile.Read(ref _suspendTicks);
                if (begin > 0)
                {
                    var pause = (eventData.TimeStamp.Ticks - begin) / (double)TimeSpan.TicksPerMillisecond;
                    if (pause > _maxPauseMs)
                    {
                        Volatile.Write(ref _maxPauseMs, pause);
                        Volatile.Write(ref _maxPauseGc, $"{Volatile.Read(ref _pauseGc)}, {Volatile.Read(ref _suspendMs):0} ms of it suspending");
                    }

                    if (pause > 10)
                    {
                        Interlocked.Increment(ref _over10);
                    }
                }

                break;
        }
    }

    /// <summary>The runtime's reason for stopping every thread: 6 is a background collection stopping it for a phase of its own.</summary>
    private static string SuspensionOf(EventWrittenEventArgs eventData)
    {
        var reason = Field(eventData, "Reason");
        return reason switch
        {
            "1" => "suspended for a collection that did not start",
            "6" => "a background gen-2 collection's own phase",
            null => "suspended",
            _ => $"suspended for reason {reason}",
        };
    }

    private static string Describe(EventWrittenEventArgs eventData)
    {
        var kind = Field(eventData, "Type") switch { "0" => "non-concurrent", "1" => "background", "2" => "foreground", var other => other ?? "" };
        return $"gen{Field(eventData, "Depth")} {kind} reason {Field(eventData, "Reason")}";
    }

    /// <summary>One field of an event's payload as text; null when the event has no field of that name.</summary>
    private static string? Field(EventWrittenEventArgs eventData, string name) =>
        eventData.PayloadNames?.IndexOf(name) is >= 0 and var i
            ? Convert.ToString(eventData.Payload![i], System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
