using System.Globalization;
using System.Threading.RateLimiting;
using LiveClass.Contracts;
using LiveClass.Server.Hosting;
using LiveClass.Server.Realtime;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Limits;

public static class LimitsExtensions
{
    /// <summary>
    /// The limits on anonymous and per-participant work: ASP.NET Core rate limiting per client
    /// address for class creation and look-ups, a rate per address for the requests that open hub
    /// connections, and hub filters for connections per address, joins, changes and connections
    /// per family. Refusals are logged and counted.
    /// </summary>
    public static WebApplicationBuilder AddLiveClassLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AbuseLimitsOptions>(AbuseLimitsOptions.SectionName);
        builder.Services.AddSingleton<Refusals>();
        builder.Services.AddSingleton<HubCallRates>();
        builder.Services.AddSingleton<HubConnectLimiter>();
        builder.Services.AddHubFilterInstance<AddressConnectionLimiter>();
        builder.Services.AddHubFilterInstance<HubCallLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<AbuseLimitsOptions>>((rateLimiter, limits) =>
        {
            AddPerAddressPolicy(rateLimiter, RateLimitPolicies.ClassCreation, limits.Value.ClassCreationsPerMinute, limits.Value);
            AddPerAddressPolicy(rateLimiter, RateLimitPolicies.ClassLookup, limits.Value.ClassLookupsPerMinute, limits.Value);
            rateLimiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    public static WebApplication UseLiveClassLimits(this WebApplication app)
    {
        app.UseRateLimiter();

        // Not awaited here, so that nothing of this check stays in memory while a WebSocket is open.
        var hubConnects = app.Services.GetRequiredService<HubConnectLimiter>();
        app.Use((context, next) =>
            !HubConnectLimiter.Limits(context) || hubConnects.TryAcquire(context, out var retryAfter)
                ? next(context)
                : RefuseAsync(context, RateLimitPolicies.HubConnect, retryAfter));
        return app;
    }

    private static void AddPerAddressPolicy(RateLimiterOptions options, string name, int perMinute, AbuseLimitsOptions limits) =>
        options.AddPolicy(name, context => TokenBuckets.PerAddress(context, perMinute, limits));

    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "http";
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
        return new ValueTask(RefuseAsync(http, limit, retryAfter));
    }

    /// <summary>A 429 with a <c>rate_limited</c> problem, and <c>Retry-After</c> when the limit says; counted and logged.</summary>
    private static async Task RefuseAsync(HttpContext http, string limit, TimeSpan? retryAfter)
    {
        http.RequestServices.GetRequiredService<Refusals>().Refused(limit, ClientAddress.Of(http));
        var seconds = retryAfter is { } wait ? Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;
        if (seconds is not null)
        {
            http.Response.Headers.RetryAfter = seconds;
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Type = ErrorCodes.RateLimited,
                Title = "Too many requests",
                Detail = seconds is null
                    ? "too many requests from this address; try again later"
                    : $"too many requests from this address; try again in {seconds} s",
                Status = StatusCodes.Status429TooManyRequests,
            },
        });
    }
}
