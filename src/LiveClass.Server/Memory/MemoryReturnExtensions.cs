using LiveClass.Server.Hosting;

namespace LiveClass.Server.Memory;

public static class MemoryReturnExtensions
{
    /// <summary>Gives the heap's free memory back to the operating system when the server goes quiet after a burst.</summary>
    public static WebApplicationBuilder AddLiveClassMemoryReturn(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MemoryReturnOptions>(MemoryReturnOptions.SectionName);
        builder.Services.AddSingleton<IManagedHeap, RuntimeManagedHeap>();
        builder.Services.AddSingleton<IDeliveryActivity, MeteredDeliveryActivity>();
        builder.Services.AddHostedService<MemoryReturnService>();
        return builder;
    }
}
