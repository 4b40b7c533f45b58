using LiveClass.Contracts.Serialization;
using LiveClass.Server.Classes;
using LiveClass.Server.Health;
using LiveClass.Server.Hosting;
using LiveClass.Server.Problems;
using LiveClass.Server.Realtime;
using LiveClass.Server.Routines;
using LiveClass.Server.WebApp;

var builder = WebApplication.CreateBuilder(args);

builder.AddLiveClassSilo();
builder.AddLiveClassRealtime();
builder.AddLiveClassProblems();
builder.AddLiveClassHealth();
builder.Services.ConfigureHttpJsonOptions(options => WireFormats.ConfigureJson(options.SerializerOptions));
builder.Services.AddSingleton<ClassCreator>();

var app = builder.Build();

app.UseLiveClassProblems();
app.UseLiveClassWebApp();
app.MapLiveClassHealth();
app.MapClassesApi();
app.MapRoutinesApi();
app.MapLiveClassHub();

app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("LiveClass is running at {Urls}", string.Join(", ", app.Urls)));

app.Run();

/// <summary>The entry point, visible to the tests that host the server.</summary>
public partial class Program;
