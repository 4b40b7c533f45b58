using LiveClass.Grains;

namespace LiveClass.Tests.Grains;

/// <summary>
/// A silo sink called directly, without Orleans in between, that holds every call until the test
/// lets it go (or fails it), and records what each call carried.
/// </summary>
internal sealed class GatedSink : ISiloEventSink
{
    private readonly CallGate _gate = new();
    private readonly Lock _lock = new();
    private readonly List<IReadOnlyList<ClassEventDelivery>> _calls = [];

    public int MostInFlight => _gate.MostInFlight;

    /// <summary>Every call made so far, in order, each as the deliveries it carried.</summary>
    public IReadOnlyList<IReadOnlyList<ClassEventDelivery>> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToArray();
            }
        }
    }

    public Task OnEvents(IReadOnlyList<ClassEventDelivery> deliveries)
    {
        lock (_lock)
        {
            _calls.Add(deliveries);
        }

        return _gate.HoldAsync();
    }

    /// <summary>Lets the oldest held call complete; false when none is held.</summary>
    public bool ReleaseOne() => _gate.ReleaseOne();

    /// <summary>Fails the oldest held call, as a silo that did not answer would; false when none is held.</summary>
    public bool FailOne() => _gate.FailOne(new TimeoutException("the silo did not answer"));

    /// <summary>Waits until <paramref name="calls"/> calls have been made.</summary>
    public Task WaitForCallsAsync(int calls) => _gate.WaitForCallsAsync(calls);
}
