using System.Diagnostics.Metrics;
using LiveClass.Grains.Observability;

namespace LiveClass.Server.Limits;

/// <summary>
/// Counts every request refused by a limit (<c>liveclass.refusals</c>, tagged with the limit) and
/// logs them, up to <see cref="RefusalLogBudget.DefaultPerSecond"/> a second.
/// </summary>
public sealed partial class Refusals(LiveClassMetrics metrics, ILogger<Refusals> logger, TimeProvider time)
{
    private readonly Counter<long> _refused = metrics.Meter.CreateCounter<long>("liveclass.refusals", "{request}",
        "Requests and hub calls refused by a rate or connection limit, by limit.");

    private readonly RefusalLogBudget _logBudget = new(time);

    public void Refused(string limit, string who)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("limit", limit));
        if (!_logBudget.TryTake(out var skipped))
        {
            return;
        }

        if (skipped > 0)
        {
            LogRefusedAfterSkipped(logger, limit, who, skipped);
        }
        else
        {
            LogRefused(logger, limit, who);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused by the {Limit} limit: {Who}")]
    private static partial void LogRefused(ILogger logger, string limit, string who);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused by the {Limit} limit: {Who}; {Skipped} refusals before it were counted but not logged")]
    private static partial void LogRefusedAfterSkipped(ILogger logger, string limit, string who, long skipped);
}
