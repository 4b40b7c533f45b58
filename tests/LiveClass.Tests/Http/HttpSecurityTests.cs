using System.Net;
using System.Net.Http.Json;
using LiveClass.Contracts;
using LiveClass.Tests.Infrastructure;

namespace LiveClass.Tests.Http;

/// <summary>Safe headers on every response, links that an attacker's Host header cannot steer, and metrics kept from the public.</summary>
public sealed class HttpSecurityTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/join/KQ7-M4P")]
    [InlineData("/api/routines")]
    [InlineData("/api/classes/ZZZ-ZZZ")]
    public async Task Every_response_forbids_inline_script_framing_sniffing_and_referrers(string path)
    {
        await using var server = await LiveClassServer.StartAsync();

        var response = await server.Http.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_web_app_has_no_inline_script_or_style()
    {
        await using var server = await LiveClassServer.StartAsync();

        var index = await server.Http.GetStringAsync("/");

        Assert.Contains("<script type=\"module\"", index, StringComparison.Ordinal);
        Assert.Matches("<script[^>]* src=", index);
        Assert.DoesNotMatch("<script(?![^>]* src=)[^>]*>", index);
        Assert.DoesNotContain("<style", index, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_ignore_the_host_header_and_unknown_proxies()
    {
        await using var server = await LiveClassServer.StartAsync();

        var links = await CreateAsync(server, request =>
        {
            request.Headers.Host = "evil.example";
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "https");
        });

        Assert.StartsWith(server.BaseUrl.TrimEnd('/') + "/join/", links.ParentUrl, StringComparison.Ordinal);
        Assert.StartsWith(server.BaseUrl.TrimEnd('/') + "/teach/", links.InstructorUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_start_with_the_configured_public_base_url()
    {
        await using var server = await LiveClassServer.StartAsync("Web:PublicBaseUrl=https://class.example.org/");

        var links = await CreateAsync(server, request => request.Headers.Host = "evil.example");

        Assert.Equal($"https://class.example.org/join/{links.JoinCode}", links.ParentUrl);
        Assert.Equal($"https://class.example.org/teach/{links.ClassId}#key={links.InstructorKey}", links.InstructorUrl);
    }

    [Fact]
    public async Task Links_follow_what_a_known_proxy_forwarded()
    {
        await using var server = await LiveClassServer.StartAsync("Web:KnownProxies:0=127.0.0.1");

        var links = await CreateAsync(server, request =>
        {
            request.Headers.Add("X-Forwarded-Host", "class.example.org");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        });

        Assert.StartsWith("https://class.example.org/teach/", links.InstructorUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_served_to_loopback_by_default_and_to_nobody_else()
    {
        await using var server = await LiveClassServer.StartAsync("Observability:Prometheus=true", "Web:KnownProxies:0=127.0.0.1");

        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/metrics")).StatusCode);

        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.SendAsync(viaProxy)).StatusCode);
    }

    [Fact]
    public async Task Metrics_networks_are_configurable()
    {
        await using var server = await LiveClassServer.StartAsync("Observability:Prometheus=true",
            "Web:MetricsNetworks:0=10.0.0.0/8", "Web:MetricsNetworks:1=10.0.0.0/8");

        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_bad_public_base_url_stops_the_server_from_starting()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => LiveClassServer.StartAsync("Web:PublicBaseUrl=ftp://class.example.org"));
    }

    private static async Task<CreateClassResponse> CreateAsync(LiveClassServer server, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/classes")
        {
            Content = JsonContent.Create(new { title = "Tuesday", instructorName = "Maya" }),
        };
        configure(request);
        var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreateClassResponse>())!;
    }
}
