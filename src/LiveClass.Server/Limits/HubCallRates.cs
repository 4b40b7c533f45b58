using Microsoft.Extensions.Options;

namespace LiveClass.Server.Limits;

/// <summary>This server's hub call rate limits: joins per client address, changes per participant and per connection.</summary>
public sealed class HubCallRates(IOptions<AbuseLimitsOptions> options, TimeProvider time)
{
    public KeyedTokenBuckets Joins { get; } = new(options.Value.JoinsPerMinute, options.Value.JoinsPerMinute, time);

    public KeyedTokenBuckets ParticipantChanges { get; } =
        new(options.Value.ChangesPerParticipantPerMinute, options.Value.ChangesBurst, time);

    public KeyedTokenBuckets ConnectionChanges { get; } =
        new(options.Value.ChangesPerConnectionPerMinute, options.Value.ChangesBurst, time);
}
