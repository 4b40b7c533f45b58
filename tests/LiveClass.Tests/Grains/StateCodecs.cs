using LiveClass.Contracts;
using LiveClass.Domain;
using LiveClass.Grains.Sessions;
using LiveClass.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace LiveClass.Tests.Grains;

/// <summary>Orleans' serializer and copier for the contracts and the grains' states, as a silo has them.</summary>
internal static class StateCodecs
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(builder => builder
            .AddAssembly(typeof(ClassEvent).Assembly)
            .AddAssembly(typeof(ClassSessionState).Assembly)
            .AddAssembly(typeof(ClassLogSegmentState).Assembly))
        .BuildServiceProvider();

    public static Serializer Serializer { get; } = Services.GetRequiredService<Serializer>();

    /// <summary>A new, empty in-memory grain storage, as the embedded default has it.</summary>
    public static InMemoryGrainStorage NewMemoryStorage() => new(Services.GetRequiredService<DeepCopier>());
}
