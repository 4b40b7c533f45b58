using LiveClass.Contracts.Serialization;
using LiveClass.Server.Classes;
using LiveClass.Server.Health;
using LiveClass.Server.Hosting;
using LiveClass.Server.Limits;
using LiveClass.Server.Memory;
using LiveClass.Server.Observability;
using LiveClass.Server.Problems;
using LiveClass.Server.Realtime;
using LiveClass.Server.Routines;
using LiveClass.Server.Web;
using LiveClass.Server.WebApp;

namespace LiveClass.Server;

/// <summary>Composes the whole server from its features; <c>Program</c> runs it and the tests host it on loopback.</summary>
public static class LiveClassApp
{
    /// <param name="configureServices">What a host adds to the features' services, last: the tests' fault injection.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddLiveClassSilo();
        builder.AddLiveClassRealtime();
        builder.AddLiveClassProblems();
        builder.AddLiveClassHealth();
        builder.AddLiveClassGracefulShutdown();
        builder.AddLiveClassObservability();
        builder.AddLiveClassMemoryReturn();
        builder.AddLiveClassLimits();
        builder.AddLiveClassWebSecurity();
        builder.AddLiveClassWebApp();
        builder.Services.ConfigureHttpJsonOptions(options => WireFormats.ConfigureJson(options.SerializerOptions));
        builder.Services.AddSingleton<ClassCreator>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();

        app.UseLiveClassWebSecurity();
        app.UseLiveClassProblems();
        app.UseLiveClassDrain();
        app.UseLiveClassWebApp();
        app.UseLiveClassLimits();
        app.MapLiveClassHealth();
        app.MapLiveClassMetrics();
        app.MapClassesApi();
        app.MapRecapApi();
        app.MapLimitsApi();
        app.MapRoutinesApi();
        app.MapLiveClassHub();

        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("LiveClass is running at {Urls}", string.Join(", ", app.Urls)));
        return app;
    }
}
