using LiveClass.Grains.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace LiveClass.Grains;

public static class LiveClassGrainsExtensions
{
    /// <summary>The silo-wide services LiveClass's grains share: the batching of class events per destination silo.</summary>
    public static ISiloBuilder AddLiveClassGrains(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<SiloEventBatcher>();
        return silo;
    }
}
