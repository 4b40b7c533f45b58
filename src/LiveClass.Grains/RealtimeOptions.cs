using System.ComponentModel.DataAnnotations;
using LiveClass.Domain;

namespace LiveClass.Grains;

/// <summary>Timings of presence and of the silo bridges, bound from the "LiveClass" configuration section.</summary>
public sealed class RealtimeOptions
{
    private const string OutOfRange = ClassLimits.SectionName + ":{0} must be between {1} and {2}.";

    /// <summary>How long all of a family's connections must be gone before they show offline.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan PresenceGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a silo's bridge renews its subscriptions and re-reports its connections.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan BridgeRenewalPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a subscription lives without renewal. A silo that dies stops renewing, so its
    /// families go offline after this plus the grace period, well within a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan BridgeSubscriptionLifetime { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// How often a class's reminder wakes it to end it when idle and to delete it once its
    /// retention is over, whether or not it is in memory.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan LifecycleCheckPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most events a bridge receives in one call.</summary>
    [Range(1, 100_000, ErrorMessage = OutOfRange)]
    public int FanOutBatchSize { get; set; } = 256;
}
