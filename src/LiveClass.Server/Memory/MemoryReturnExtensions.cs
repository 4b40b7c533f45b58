namespace LiveClass.Server.Memory;

public static class MemoryReturnExtensions
{
    /// <summary>Gives the heap's free memory back to the operating system when the server goes quiet after a burst.</summary>
    public static WebApplicationBuilder AddLiveClassMemoryReturn(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MemoryReturnOptions>()
            .Bind(builder.Configuration.GetSection(MemoryReturnOptions.SectionName))
            .Validate(o => o.CheckInterval > TimeSpan.Zero && o.MinimumInterval >= TimeSpan.Zero
                && o.MinimumFreeMiB >= 0 && o.MinimumFreeShareOfHeap >= 0 && o.QuietAllocationMiBPerSecond >= 0,
                "MemoryReturn: the interval must be positive and the thresholds not negative")
            .ValidateOnStart();
        builder.Services.AddSingleton<IManagedHeap, RuntimeManagedHeap>();
        builder.Services.AddSingleton<IDeliveryActivity, MeteredDeliveryActivity>();
        builder.Services.AddHostedService<MemoryReturnService>();
        return builder;
    }
}
