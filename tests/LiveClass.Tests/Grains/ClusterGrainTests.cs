using LiveClass.Domain;
using LiveClass.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace LiveClass.Tests.Grains;

/// <summary>
/// What a test class of the <see cref="ClusterCollection"/> starts from: the shared cluster, its
/// grains and storage, and a bridge stand-in to watch a class with.
/// </summary>
[Collection(ClusterCollection.Name)]
public abstract class ClusterGrainTests(ClusterFixture fixture)
{
    protected static readonly IReadOnlyDictionary<string, int> NoConnections = new Dictionary<string, int>();

    protected ClusterFixture Fixture => fixture;

    protected IGrainFactory Grains => fixture.Client;

    /// <summary>Where the silo keeps the classes, to read and rewrite what a class stored.</summary>
    protected IGrainStorage Storage => fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Classes);

    /// <summary>An Orleans reference to <paramref name="observer"/>, as a silo hands its bridge to a class.</summary>
    protected IClassEventObserver ReferenceTo(IClassEventObserver observer) =>
        fixture.Client.CreateObjectReference<IClassEventObserver>(observer);

    /// <summary>Subscribes a new recording observer to the class as silo A's bridge, from now on.</summary>
    private protected async Task<RecordingObserver> WatchAsync(IClassSessionGrain grain)
    {
        var observer = new RecordingObserver();
        await grain.Subscribe(TestSilos.A, ReferenceTo(observer), null, NoConnections);
        return observer;
    }

    /// <summary>Joins a family to the class and finds its participant grain from the rejoin token, as the hub does.</summary>
    private protected async Task<JoinedFamily> JoinFamilyAsync(IClassSessionGrain grain, string name = "Sam")
    {
        var joined = await grain.JoinAsParent(name);
        var token = GrainKit.ParseToken(joined.RejoinToken);
        return new JoinedFamily(joined, token, GrainKit.ParticipantOf(Grains, token));
    }

    /// <summary>Deactivates <paramref name="grain"/> and checks it is no longer active, so the next call reactivates it from storage.</summary>
    protected async Task DeactivateAsync(IAddressable grain)
    {
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.False(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out _), "the grain is still active");
    }

    /// <summary>The class's stored session state.</summary>
    private protected Task<ClassSessionState> ReadStoredAsync(IClassSessionGrain grain) => ReadStoredAsync<ClassSessionState>(grain, "session");

    /// <summary>One of the class's stored states, by name; fails when none is stored.</summary>
    private protected async Task<T> ReadStoredAsync<T>(IClassSessionGrain grain, string stateName)
    {
        var state = new GrainState<T>();
        await Storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.RecordExists && state.State is { } stored ? stored : throw new InvalidOperationException($"no {stateName} is stored for the class");
    }
}
