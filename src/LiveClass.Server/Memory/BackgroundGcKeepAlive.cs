using Microsoft.Extensions.Options;

namespace LiveClass.Server.Memory;

/// <summary>
/// On one processor .NET uses the workstation GC, whose background gen-2 collections run on a
/// thread that exits after 20 s without one. Measured under load, the first gen-2 collection after
/// such a gap stopped the whole server for as long as a full mark of its heap (about 150 ms with
/// 5,000 connections in 250 classes), once every minute or two; when gen-2 collections come less
/// than 20 s apart they run beside the server and pause it for a millisecond or two. So when none
/// has come for <see cref="BackgroundGcKeepAliveOptions.Interval"/>, this service starts one in the
/// background. The collection thread keeps its usual priority: it also holds the whole runtime
/// stopped for short phases of its own, and at the lowest priority, with the server's other
/// threads wanting the core meanwhile, one such phase stopped the server for 1.8 s. The server GC
/// (two or more processors) keeps its background threads and is left alone.
/// </summary>
public sealed partial class BackgroundGcKeepAlive(
    IManagedHeap heap,
    IOptions<BackgroundGcKeepAliveOptions> options,
    TimeProvider time,
    ILogger<BackgroundGcKeepAlive> logger) : BackgroundService
{
    /// <summary>How often the collection count is looked at; a read of a counter.</summary>
    public static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(1);

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
                if (quiet >= settings.Interval)
                {
                    heap.StartBackgroundCollection();
                    LogStarted(logger, quiet.TotalSeconds);

                    // Counted from the request, in case the runtime counts the collection only once it ends.
                    since = time.GetTimestamp();
                }

                // Read after starting one, so that a collection just started counts as the latest.
                var collections = heap.FullCollections;
                if (collections != seen)
                {
                    seen = collections;
                    since = time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workstation GC: a background gen-2 collection starts after {IntervalSeconds:0} s without one, so that its thread stays")]
    private static partial void LogKeepingAlive(ILogger logger, double intervalSeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Started a background gen-2 collection after {Seconds:0.0} s without one")]
    private static partial void LogStarted(ILogger logger, double seconds);
}
