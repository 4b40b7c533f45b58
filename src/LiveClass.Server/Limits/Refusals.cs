using System.Diagnostics.Metrics;
using LiveClass.Grains.Observability;

namespace LiveClass.Server.Limits;

/// <summary>Logs and counts every request refused by a limit (<c>liveclass.refusals</c>, tagged with the limit).</summary>
public sealed partial class Refusals(LiveClassMetrics metrics, ILogger<Refusals> logger)
{
    private readonly Counter<long> _refused = metrics.Meter.CreateCounter<long>("liveclass.refusals", "{request}",
        "Requests and hub calls refused by a rate or connection limit, by limit.");

    public void Refused(string limit, string who)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("limit", limit));
        LogRefused(logger, limit, who);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused by the {Limit} limit: {Who}")]
    private static partial void LogRefused(ILogger logger, string limit, string who);
}
