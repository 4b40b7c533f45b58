using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.Grains.Storage;

public static class InMemoryStorageExtensions
{
    /// <summary>Adds <see cref="InMemoryGrainStorage"/> as the grain storage called <paramref name="name"/>, keeping deep copies of the states written.</summary>
    public static ISiloBuilder AddInMemoryGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
            new InMemoryGrainStorage(services.GetRequiredService<DeepCopier>()));
        return silo;
    }
}
