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
    /// address for class creation and look-ups, and hub filters for connections per address,
    /// joins, changes and connections per family. Refusals are logged and counted.
    /// </summary>
    public static WebApplicationBuilder AddLiveClassLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AbuseLimitsOptions>(AbuseLimitsOptions.SectionName);
        builder.Services.AddSingleton<Refusals>();
        builder.Services.AddSingleton<HubCallRates>();
        builder.Services.AddHubFilterInstance<AddressConnectionLimiter>();
        builder.Services.AddHubFilterInstance<HubCallLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<AbuseLimitsOptions>>((rateLimiter, limits) =>
        {
            AddPerAddressPolicy(rateLimiter, RateLimitPolicies.ClassCreation, limits.Value.ClassCreationsPerMinute, limits.Value);
            AddPerAddressPolicy(rateLimiter, RateLimitPolicies.ClassLookup, limits.Value.ClassLookupsPerMinute, limits.Value);
            AddPerAddressPolicy(rateLimiter, RateLimitPolicies.HubConnect, limits.Value.HubConnectsPerMinute, limits.Value);
            rateLimiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    public static WebApplication UseLiveClassLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static void AddPerAddressPolicy(RateLimiterOptions options, string name, int perMinute, AbuseLimitsOptions limits) =>
        options.AddPolicy(name, context => ClientAddress.IsExempt(context, limits)
            ? RateLimitPartition.GetNoLimiter("exempt")
            : RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Of(context), _ => TokenBuckets.Options(perMinute, perMinute)));

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "http";
        http.RequestServices.GetRequiredService<Refusals>().Refused(limit, ClientAddress.Of(http));
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Type = ErrorCodes.RateLimited,
                Title = "Too many requests",
                Detail = "too many requests from this address; wait a minute",
                Status = StatusCodes.Status429TooManyRequests,
            },
        });
    }
}
