using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Limits;

/// <summary>
/// Limits the requests that open hub connections, negotiate and connect, per client address
/// (<c>Limits:HubConnectsPerMinute</c>): a negotiated connection is kept for a while even if it
/// never connects. A request is checked and let go before it goes on, unlike ASP.NET Core's rate
/// limiting middleware, which stays in a request until it ends: for a WebSocket that is the whole
/// connection, a few hundred bytes for each one open.
/// </summary>
public sealed class HubConnectLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;

    public HubConnectLimiter(IOptions<AbuseLimitsOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(
            context => TokenBuckets.PerAddress(context, limits.HubConnectsPerMinute, limits));
    }

    /// <summary>True when the request may go on; otherwise <paramref name="retryAfter"/> says when to try again.</summary>
    public bool TryAcquire(HttpContext context, out TimeSpan? retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(context);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
