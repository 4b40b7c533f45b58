using Microsoft.Extensions.Options;

namespace LiveClass.Server.Web;

/// <summary>The origin links to this server start with: the configured public base URL, what a known proxy forwarded, or the address the request reached.</summary>
public sealed class PublicLinks(IOptions<WebOptions> options)
{
    /// <summary>Set by the forwarded headers middleware when it believed a known proxy's <c>X-Forwarded-Host</c>.</summary>
    private const string OriginalHostHeader = "X-Original-Host";

    public string OriginFor(HttpRequest request)
    {
        if (options.Value.PublicBaseUrl is { } configured)
        {
            return configured.GetLeftPart(UriPartial.Path).TrimEnd('/');
        }

        if (request.Headers.ContainsKey(OriginalHostHeader))
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        var local = request.HttpContext.Connection;
        var address = local.LocalIpAddress is { } ip
            ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)
            : System.Net.IPAddress.Loopback;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return $"{request.Scheme}://{host}:{local.LocalPort}{request.PathBase}";
    }
}
