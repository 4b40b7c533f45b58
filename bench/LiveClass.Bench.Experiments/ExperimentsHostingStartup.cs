using LiveClass.Bench.Experiments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

[assembly: HostingStartup(typeof(ExperimentsHostingStartup))]

namespace LiveClass.Bench.Experiments;

/// <summary>
/// Applies the experiments named in LIVECLASS_EXPERIMENTS (comma-separated) before the server's
/// own registrations, which use TryAdd and so keep these:
/// <list type="bullet">
/// <item><c>binary-storage</c>: grain state is written with Orleans' binary serializer instead of the
/// silo's default, reflection-based Newtonsoft JSON serializer.</item>
/// </list>
/// </summary>
public sealed class ExperimentsHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder)
    {
        var experiments = (Environment.GetEnvironmentVariable("LIVECLASS_EXPERIMENTS") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.ConfigureServices(services =>
        {
            if (experiments.Contains("binary-storage"))
            {
                services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
            }
        });
    }
}
