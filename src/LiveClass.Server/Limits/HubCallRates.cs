using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Limits;

/// <summary>This server's hub call rate limiters: joins per client address, changes per participant and per connection.</summary>
public sealed class HubCallRates(IOptions<AbuseLimitsOptions> options) : IDisposable
{
    public PartitionedRateLimiter<string> Joins { get; } =
        TokenBuckets.PerKey(options.Value.JoinsPerMinute, options.Value.JoinsPerMinute);

    public PartitionedRateLimiter<string> ParticipantChanges { get; } =
        TokenBuckets.PerKey(options.Value.ChangesPerParticipantPerMinute, options.Value.ChangesBurst);

    public PartitionedRateLimiter<string> ConnectionChanges { get; } =
        TokenBuckets.PerKey(options.Value.ChangesPerConnectionPerMinute, options.Value.ChangesBurst);

    public void Dispose()
    {
        Joins.Dispose();
        ParticipantChanges.Dispose();
        ConnectionChanges.Dispose();
    }
}
