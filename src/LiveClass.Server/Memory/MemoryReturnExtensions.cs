using LiveClass.Server.Hosting;

namespace LiveClass.Server.Memory;

public static class MemoryReturnExtensions
{
    /// <summary>
    /// Gives the heap's free memory back to the operating system when the server goes quiet after a
    /// burst, and keeps the workstation GC's gen-2 collections in the background.
    /// </summary>
    public static WebApplicationBuilder AddLiveClassMemoryReturn(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MemoryReturnOptions>(MemoryReturnOptions.SectionName);
        builder.Services.AddSingleton<IManagedHeap, RuntimeManagedHeap>();
        builder.Services.AddSingleton<IDeliveryActivity, MeteredDeliveryActivity>();
        builder.Services.AddHostedService<MemoryReturnService>();
        builder.Services.AddValidatedOptions<BackgroundGcKeepAliveOptions>(BackgroundGcKeepAliveOptions.SectionName);
        builder.Services.AddHostedService<BackgroundGcKeepAlive>();
        return builder;
    }
}
