using System.Threading.RateLimiting;
using LiveClass.Contracts;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Limits;

/// <summary>
/// Limits the requests that open hub connections, negotiations and WebSockets, per client address
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

    /// <summary>
    /// True for a request this limits: a negotiation, or a WebSocket (an upgrade, or HTTP/2's
    /// extended CONNECT), which may skip negotiating. Long polling's polls and sends go to the same
    /// path as often as messages flow, and each of their connections negotiated first. The
    /// WebSocket feature is set only inside the hub's endpoint, so the request's own features tell.
    /// </summary>
    public static bool Limits(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HubNames.Path, out var rest)
        && (rest == "/negotiate"
            || context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true);

    /// <summary>True when the request may go on; otherwise <paramref name="retryAfter"/> says when to try again.</summary>
    public bool TryAcquire(HttpContext context, out TimeSpan? retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(context);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
