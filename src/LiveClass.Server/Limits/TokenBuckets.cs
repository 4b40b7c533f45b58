using System.Threading.RateLimiting;

namespace LiveClass.Server.Limits;

/// <summary>Token bucket options of the per-address rate limits, one bucket per client address.</summary>
public static class TokenBuckets
{
    /// <summary>Up to <paramref name="burst"/> at once, refilled at <paramref name="perMinute"/> a minute.</summary>
    public static TokenBucketRateLimiterOptions Options(int perMinute, int burst)
    {
        // A partitioned limiter refills its buckets every 100 ms, so a faster rate adds several tokens at a time.
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks / perMinute, TimeSpan.FromMilliseconds(100).Ticks));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = (int)Math.Max(1, Math.Round(perMinute * period.TotalMinutes)),
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>One bucket per client address, refilled at <paramref name="perMinute"/> a minute; none for an exempt client.</summary>
    public static RateLimitPartition<string> PerAddress(HttpContext context, int perMinute, AbuseLimitsOptions limits) =>
        ClientAddress.IsExempt(context, limits)
            ? RateLimitPartition.GetNoLimiter("exempt")
            : RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(context), _ => Options(perMinute, perMinute));
}
