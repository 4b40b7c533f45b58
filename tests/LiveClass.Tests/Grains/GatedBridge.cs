using LiveClass.Contracts;
using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A silo bridge called directly, without Orleans in between, that holds every delivery until the
/// test lets it go: so a second delivery started while one is held is seen, not serialized away.
/// </summary>
internal sealed class GatedBridge : IClassEventObserver
{
    private readonly CallGate _gate = new();
    private readonly RecordingObserver _released = new();

    public int Calls => _gate.Calls;

    public int MostInFlight => _gate.MostInFlight;

    /// <summary>The seqs of every released delivery, in the order they completed.</summary>
    public IReadOnlyList<long> Received => _released.Events.Select(e => e.Seq).ToArray();

    public async Task OnEvents(string classId, IReadOnlyList<ClassEvent> events)
    {
        await _gate.HoldAsync();
        await _released.OnEvents(classId, events);
    }

    /// <summary>Lets the oldest held delivery complete; false when none is held.</summary>
    public bool ReleaseOne() => _gate.ReleaseOne();

    /// <summary>Waits until <paramref name="calls"/> deliveries have been started.</summary>
    public Task WaitForCallsAsync(int calls) => _gate.WaitForCallsAsync(calls);
}
