using LiveClass.Contracts;

namespace LiveClass.Grains;

/// <summary>A silo's feed of one class to its SignalR connections: receives the class's events in seq order.</summary>
public interface IClassEventObserver : IGrainObserver
{
    Task OnEvents(string classId, IReadOnlyList<ClassEvent> events);

    /// <summary>
    /// The class's grain is deactivating (its silo shuts down, or it was idle): its subscriptions
    /// end with it. The bridge subscribes again, from its last seq, to the next activation, rather
    /// than at its next renewal. Observers that only record events need not implement it.
    /// </summary>
    Task OnSessionMoved(string classId) => Task.CompletedTask;
}
