using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveClass.Server.Realtime;

public static class HubFilterRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TFilter"/> as a singleton, unless it already is, and adds that
    /// one instance to every hub's filters, in the order of these calls. As an instance, not a type:
    /// SignalR wraps a filter added by type in a factory whose async method costs an allocation on
    /// every hub call.
    /// </summary>
    public static IServiceCollection AddHubFilterInstance<TFilter>(this IServiceCollection services)
        where TFilter : class, IHubFilter
    {
        services.TryAddSingleton<TFilter>();
        services.AddOptions<HubOptions>().Configure<TFilter>((options, filter) => options.AddFilter(filter));
        return services;
    }
}
