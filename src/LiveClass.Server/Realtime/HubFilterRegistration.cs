using Microsoft.AspNetCore.SignalR;

namespace LiveClass.Server.Realtime;

public static class HubFilterRegistration
{
    /// <summary>
    /// Adds the container's singleton <typeparamref name="TFilter"/> to every hub's filters, in the
    /// order of these calls. As an instance, not a type: SignalR wraps a filter added by type in a
    /// factory whose async method costs an allocation on every hub call.
    /// </summary>
    public static IServiceCollection AddHubFilterInstance<TFilter>(this IServiceCollection services)
        where TFilter : class, IHubFilter
    {
        services.AddOptions<HubOptions>().Configure<TFilter>((options, filter) => options.AddFilter(filter));
        return services;
    }
}
