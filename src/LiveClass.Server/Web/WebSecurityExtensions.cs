using System.Net;
using LiveClass.Server.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace LiveClass.Server.Web;

public static class WebSecurityExtensions
{
    /// <summary>
    /// The web app runs no inline script or style, is never framed, and sends no referrer; the
    /// browser must not guess content types.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddLiveClassWebSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebOptions>(WebOptions.SectionName);
        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebOptions>>((forwarded, web) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only the proxies named in configuration: not even loopback. (With none, the middleware
            // would believe everyone, so it is not used at all then.)
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in web.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in web.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>Forwarded headers from known proxies first (limits and links need the real client), then the security headers on every response.</summary>
    public static WebApplication UseLiveClassWebSecurity(this WebApplication app)
    {
        var web = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        if (web.KnownProxies.Count > 0 || web.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        return app;
    }

    /// <summary>Metrics only for the configured networks (loopback by default); anyone else is told there is nothing there.</summary>
    public static WebApplication UseLiveClassMetricsNetworks(this WebApplication app, PathString metricsPath)
    {
        var networks = app.Services.GetRequiredService<IOptions<WebOptions>>().Value.EffectiveMetricsNetworks
            .Select(n => System.Net.IPNetwork.Parse(n)).ToArray();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(metricsPath) && !IsIn(context.Connection.RemoteIpAddress, networks))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    private static bool IsIn(IPAddress? address, System.Net.IPNetwork[] networks)
    {
        if (address is null)
        {
            return false;
        }

        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(n => n.Contains(client));
    }
}
