using Microsoft.Extensions.Options;

namespace LiveClass.Server.Memory;

/// <summary>
/// Looks at the heap every check interval and gives its free memory back once the server has gone
/// quiet: little allocation and no class event delivered since the last check.
/// </summary>
public sealed partial class MemoryReturnService(
    IManagedHeap heap,
    IDeliveryActivity delivery,
    IOptions<MemoryReturnOptions> options,
    TimeProvider time,
    ILogger<MemoryReturnService> logger) : BackgroundService
{
    private const double MiB = 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.CheckInterval, time);
        var previous = heap.Read();
        var deliveredBefore = delivery.EventsDelivered;
        DateTimeOffset? lastReturn = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var current = heap.Read();
                var delivered = delivery.EventsDelivered;
                LogChecked(logger, current.HeapBytes / MiB, current.CommittedBytes / MiB, current.AllocatedBytesPerSecondSince(previous) / MiB, delivered - deliveredBefore);
                if (MemoryReturnPolicy.ShouldReturn(settings, previous, current, delivered - deliveredBefore, lastReturn))
                {
                    var started = time.GetTimestamp();
                    heap.ReturnFreeMemory();
                    var after = heap.Read();
                    LogReturned(logger, (current.CommittedBytes - after.CommittedBytes) / MiB, after.HeapBytes / MiB, time.GetElapsedTime(started).TotalMilliseconds);
                    lastReturn = after.At;
                    current = after;
                }

                previous = current;
                deliveredBefore = delivered;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heap {HeapMiB:0} MiB, committed {CommittedMiB:0} MiB, allocating {AllocatedMiBPerSecond:0.0} MiB/s, {EventsDelivered} class events delivered since the last check")]
    private static partial void LogChecked(ILogger logger, double heapMiB, double committedMiB, double allocatedMiBPerSecond, long eventsDelivered);

    [LoggerMessage(Level = LogLevel.Information, Message = "Returned {ReturnedMiB:0} MiB of free heap memory to the operating system ({HeapMiB:0} MiB in use) in a {PauseMs:0} ms collection")]
    private static partial void LogReturned(ILogger logger, double returnedMiB, double heapMiB, double pauseMs);
}
