using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

/// <summary>
/// What a test class of the <see cref="ClusterCollection"/> starts from: the shared cluster, its
/// grains, and a bridge stand-in to watch a class with.
/// </summary>
[Collection(ClusterCollection.Name)]
public abstract class ClusterGrainTests(ClusterFixture fixture)
{
    protected static readonly IReadOnlyDictionary<string, int> NoConnections = new Dictionary<string, int>();

    protected ClusterFixture Fixture => fixture;

    protected IGrainFactory Grains => fixture.Client;

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
}
