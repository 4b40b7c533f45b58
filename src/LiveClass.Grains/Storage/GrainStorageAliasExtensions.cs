using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace LiveClass.Grains.Storage;

public static class GrainStorageAliasExtensions
{
    /// <summary>Makes the grain storage called <paramref name="alias"/> the very provider called <paramref name="target"/>.</summary>
    public static ISiloBuilder AddGrainStorageAlias(this ISiloBuilder silo, string alias, string target)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(alias, (services, _) => services.GetRequiredKeyedService<IGrainStorage>(target));
        return silo;
    }
}
