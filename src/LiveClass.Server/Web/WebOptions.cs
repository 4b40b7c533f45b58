using System.ComponentModel.DataAnnotations;

namespace LiveClass.Server.Web;

/// <summary>How the server is reached from outside, bound from the "Web" section.</summary>
public sealed class WebOptions : IValidatableObject
{
    public const string SectionName = "Web";

    /// <summary>
    /// The address families and instructors use, e.g. <c>https://class.example.org</c>: the links
    /// a new class answers with start with it. Without it, links use the scheme and host that a
    /// known proxy forwarded, or else the address the request reached this server on; never the
    /// raw Host header.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Proxies (IP addresses) whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) of proxies whose forwarded headers are believed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Client networks (CIDR) that may read <c>/metrics</c>; everyone else gets 404. Loopback when none are given.</summary>
    public List<string> MetricsNetworks { get; set; } = [];

    public IReadOnlyList<string> EffectiveMetricsNetworks => MetricsNetworks.Count > 0 ? MetricsNetworks : ["127.0.0.0/8", "::1/128"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.Query.Length > 0))
        {
            yield return new ValidationResult($"{SectionName}:PublicBaseUrl must be an absolute http or https URL without a query.");
        }

        foreach (var proxy in KnownProxies.Where(p => !System.Net.IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"{SectionName}:KnownProxies: '{proxy}' is not an IP address.");
        }

        foreach (var network in KnownNetworks.Concat(MetricsNetworks).Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"{SectionName}: '{network}' is not a network in CIDR notation.");
        }
    }
}
