using LiveClass.Bench.Baseline;
using LiveClass.Contracts;
using LiveClass.Contracts.Serialization;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services
    .AddSignalR(options => options.MaximumReceiveMessageSize = 32 * 1024)
    .AddJsonProtocol(options => WireFormats.ConfigureJson(options.PayloadSerializerOptions))
    .AddMessagePackProtocol(options => options.SerializerOptions = WireFormats.MessagePack);
builder.Services.ConfigureHttpJsonOptions(options => WireFormats.ConfigureJson(options.SerializerOptions));
builder.Services.AddSingleton<RelayGroups>();

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok());
app.MapGet("/readyz", () => Results.Ok());
app.MapPost("/api/classes", (CreateClassRequest request, RelayGroups groups) =>
{
    var group = groups.Create(request.Title ?? "Baseline class", request.InstructorName ?? "Instructor");
    return Results.Created($"/api/classes/{group.Id}",
        new CreateClassResponse(group.Id, group.Id, "baseline-key", $"/join/{group.Id}", $"/teach/{group.Id}"));
});
app.MapHub<RelayHub>(HubNames.Path, options => options.AllowStatefulReconnects = true);
app.Run();
