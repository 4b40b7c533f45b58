using Microsoft.Extensions.Options;

namespace LiveClass.Server.Memory;

/// <summary>
/// On one processor .NET uses the workstation GC, whose background gen-2 collections run on a
/// thread that exits after 20 s without one. Measured under load, the first gen-2 collection after
/// such a gap stopped the whole server for as long as a full mark of its heap (about 150 ms with
/// 5,000 connections in 250 classes), once every minute or two; when gen-2 collections come less
/// than 20 s apart they run beside the server and pause it for a millisecond or two. So when none
/// has come for <see cref="BackgroundGcKeepAliveOptions.Interval"/>, this service starts one in the
/// background. "Beside" still means on the same core: the collection thread's 150 to 200 ms of
/// marking took turns with the workers and delayed deliveries by tens of milliseconds, so it runs
/// at the lowest priority and marks while the workers wait for work
/// (<see cref="BackgroundGcKeepAliveOptions.LowPriority"/>). The server GC (two or more
/// processors) keeps its background threads and is left alone.
/// </summary>
public sealed partial class BackgroundGcKeepAlive(
    IManagedHeap heap,
    IOptions<BackgroundGcKeepAliveOptions> options,
    TimeProvider time,
    ILogger<BackgroundGcKeepAlive> logger) : BackgroundService
{
    /// <summary>How often the collection count is looked at; a read of a counter.</summary>
    public static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(1);

    private bool _yielding;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !heap.HasIdleExitingBackgroundCollector)
        {
            return;
        }

        LogKeepingAlive(logger, settings.Interval.TotalSeconds);
        using var timer = new PeriodicTimer(CheckPeriod, time);
        var seen = heap.FullCollections;
        var since = time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var quiet = time.GetElapsedTime(since);
                var lookForThread = false;
                if (quiet >= settings.Interval)
                {
                    heap.StartBackgroundCollection();
                    LogStarted(logger, quiet.TotalSeconds);

                    // Counted from the request, in case the runtime counts the collection only once it ends.
                    since = time.GetTimestamp();
                    lookForThread = true;
                }

                // Read after starting one, so that a collection just started counts as the latest.
                var collections = heap.FullCollections;
                if (collections != seen)
                {
                    seen = collections;
                    since = time.GetTimestamp();

                    // A collection the runtime started on its own may have come with a new thread.
                    lookForThread = true;
                }

                if (lookForThread)
                {
                    Yield(settings);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Yield(BackgroundGcKeepAliveOptions settings)
    {
        // Looked for each time: a thread the runtime let go and started again comes back at the usual priority.
        if (settings.LowPriority && heap.LowerBackgroundCollectorPriority() && !_yielding)
        {
            _yielding = true;
            LogYielding(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workstation GC: its background collection thread runs at the lowest priority")]
    private static partial void LogYielding(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Workstation GC: a background gen-2 collection starts after {IntervalSeconds:0} s without one, so that its thread stays")]
    private static partial void LogKeepingAlive(ILogger logger, double intervalSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started a background gen-2 collection after {Seconds:0.0} s without one")]
    private static partial void LogStarted(ILogger logger, double seconds);
}
