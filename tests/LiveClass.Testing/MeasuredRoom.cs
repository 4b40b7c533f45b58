using LiveClass.Contracts;

namespace LiveClass.Testing;

/// <summary>
/// A class with its instructor and a few healthy families that measure how late each event reaches
/// them (from the event's server timestamp to its arrival), for the tests' own client type.
/// </summary>
public abstract class MeasuredRoom<TClient> : IAsyncDisposable where TClient : IAsyncDisposable
{
    private readonly EventLatencies _latencies = new();

    /// <param name="listen">Subscribes a handler to every event a client receives.</param>
    protected MeasuredRoom(CreateClassResponse created, TClient instructor, IReadOnlyList<TClient> families,
        Action<TClient, Action<ClassEvent>> listen)
    {
        Created = created;
        Instructor = instructor;
        Families = families;
        foreach (var family in families)
        {
            listen(family, _latencies.Arrived);
        }
    }

    public CreateClassResponse Created { get; }
    public TClient Instructor { get; }
    public IReadOnlyList<TClient> Families { get; }

    /// <summary>How many arrivals this round measured.</summary>
    public int Measured => _latencies.Count;

    /// <summary>Forgets the latencies measured so far, to start a new round.</summary>
    public void StartRound() => _latencies.Clear();

    /// <summary>The 99th percentile of this round's latencies, in milliseconds.</summary>
    public double P99() => _latencies.P99();

    public async ValueTask DisposeAsync()
    {
        foreach (var family in Families)
        {
            await family.DisposeAsync();
        }

        await Instructor.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
