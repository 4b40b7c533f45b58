using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveClass.Grains.Storage;

public static class InMemoryStorageExtensions
{
    /// <summary>Adds <see cref="InMemoryGrainStorage"/> as the grain storage called <paramref name="name"/>, writing Orleans' binary format.</summary>
    public static ISiloBuilder AddInMemoryGrainStorage(this ISiloBuilder silo, string name)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
            new InMemoryGrainStorage(new ReusedBufferGrainStorageSerializer(services.GetRequiredService<Serializer>())));
        return silo;
    }
}
