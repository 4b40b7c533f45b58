using System.Net.Http.Json;
using LiveClass.Contracts;
using LiveClass.Grains;
using LiveClass.Server;
using LiveClass.Server.Classes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Tests.Infrastructure;

/// <summary>The real server (Kestrel, the co-hosted silo, in-memory storage) on a free loopback port.</summary>
public sealed class LiveClassServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveClassServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings for tests that drive a class far faster than a person would: no limit on changes.</summary>
    public static readonly string[] UnlimitedChanges =
        ["Limits:ChangesBurst=1000000", "Limits:ChangesPerParticipantPerMinute=1000000", "Limits:ChangesPerConnectionPerMinute=1000000"];

    public static Task<LiveClassServer> StartAsync(params string[] settings) => StartAsync(configureServices: null, settings);

    /// <param name="configureServices">Added to the server's services last, e.g. a grain call filter that injects faults.</param>
    public static async Task<LiveClassServer> StartAsync(Action<IServiceCollection>? configureServices, params string[] settings)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            "--Cluster:SiloPort=0",
            "--Cluster:GatewayPort=0",
            "--Logging:LogLevel:Default=Warning",
            "--LiveClass:PresenceGracePeriod=00:00:01",
            // Every test's classes and families come from one loopback address: the per-address
            // limits are raised here, and tests of the limits set them again.
            "--Limits:ClassCreationsPerMinute=1000000",
            "--Limits:ClassLookupsPerMinute=1000000",
            "--Limits:JoinsPerMinute=1000000",
            "--Limits:MaxConnectionsPerAddress=1000000",
            "--Limits:HubConnectsPerMinute=1000000",
            .. settings.Select(s => s.StartsWith("--", StringComparison.Ordinal) ? s : "--" + s),
        ];
        var app = LiveClassApp.Build(args, configureServices);
        await app.StartAsync();
        return new LiveClassServer(app, app.Urls.First());
    }

    public async Task<CreateClassResponse> CreateClassAsync(string title = "Tuesday morning", string instructorName = "Maya", string? routineId = null)
    {
        var response = await Http.PostAsJsonAsync("/api/classes", new { title, instructorName, routineId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreateClassResponse>())!;
    }

    /// <summary>Asks for a class's recap over HTTP, with the instructor key in its header as the web app sends it.</summary>
    public Task<HttpResponseMessage> GetRecapAsync(string classId, string instructorKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/classes/{classId}/recap");
        request.Headers.Add(RecapApi.InstructorKeyHeader, instructorKey);
        return Http.SendAsync(request);
    }

    public Task<ClassSnapshot> SnapshotAsync(string classId) =>
        Grains.GetGrain<IClassSessionGrain>(classId).GetSnapshot();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
